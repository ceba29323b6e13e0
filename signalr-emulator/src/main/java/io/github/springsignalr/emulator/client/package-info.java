/**
 * The client side of the service: negotiate, the WebSocket transport and the JSON hub protocol's handshake, pings,
 * invocations and close.
 */
@NullMarked
package io.github.springsignalr.emulator.client;

import org.jspecify.annotations.NullMarked;
