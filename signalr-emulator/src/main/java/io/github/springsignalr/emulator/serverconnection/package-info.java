/**
 * Server connections of the service's default mode: application servers connect at {@code /server/?hub=…}, speak the
 * service protocol ({@code signalr-service-protocol}), and carry the clients of their hub, as Azure SignalR Service
 * does. What is accepted, and when a server is dropped, is decided here, strictly; the shared codec only reads and
 * writes the messages.
 */
@NullMarked
package io.github.springsignalr.emulator.serverconnection;

import org.jspecify.annotations.NullMarked;
