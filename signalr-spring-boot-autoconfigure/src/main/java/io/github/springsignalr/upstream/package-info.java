/**
 * Serverless event handlers: the service's upstream requests (connection events and client invocations),
 * authenticated by their signature with a live access key or by the Microsoft Entra token of the service's managed
 * identity, dispatched to {@link SignalRConnected}, {@link SignalRDisconnected} and {@link SignalRMessage} methods.
 */
@NullMarked
package io.github.springsignalr.upstream;

import org.jspecify.annotations.NullMarked;
