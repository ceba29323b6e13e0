/**
 * A local stand-in for Azure SignalR Service's data plane in serverless mode, which the official clients and SDKs
 * talk to unchanged: {@link io.github.springsignalr.emulator.SignalREmulator} in-process, the
 * {@link io.github.springsignalr.emulator.SignalREmulatorApplication} as {@code java -jar signalr-emulator.jar}.
 */
@NullMarked
package io.github.springsignalr.emulator;

import org.jspecify.annotations.NullMarked;
