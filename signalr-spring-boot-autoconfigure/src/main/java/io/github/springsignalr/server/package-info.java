/**
 * Default mode: the application's WebSocket server connections to the service ({@code /server/?hub=…}), over which
 * clients' hub messages arrive and the answers go back, dispatched to the same annotated methods as upstream events.
 */
@NullMarked
package io.github.springsignalr.server;

import org.jspecify.annotations.NullMarked;
