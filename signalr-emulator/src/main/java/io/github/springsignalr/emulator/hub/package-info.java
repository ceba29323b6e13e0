/**
 * Hubs as the service keeps them: connected clients, users, groups (of connections and of users), and the JSON hub
 * protocol's messages that are sent to them.
 */
@NullMarked
package io.github.springsignalr.emulator.hub;

import org.jspecify.annotations.NullMarked;
