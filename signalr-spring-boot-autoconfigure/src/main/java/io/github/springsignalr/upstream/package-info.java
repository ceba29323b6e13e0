/**
 * Serverless event handlers: the service's upstream requests (connection events and client invocations), their
 * signatures checked against every live access key, dispatched to {@link SignalRConnected},
 * {@link SignalRDisconnected} and {@link SignalRMessage} methods.
 */
package io.github.springsignalr.upstream;
