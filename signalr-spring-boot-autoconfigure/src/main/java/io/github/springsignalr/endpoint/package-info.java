/**
 * The application's Azure SignalR Service endpoints: names, types, keys and online state, held as immutable snapshots
 * that change atomically; and the {@link io.github.springsignalr.endpoint.SignalRListener} told of what the starter
 * does with them, which metrics plug into.
 */
@NullMarked
package io.github.springsignalr.endpoint;

import org.jspecify.annotations.NullMarked;
