/**
 * Hubs as the service keeps them: connected clients, users, groups (of connections and of users), and the JSON hub
 * protocol's messages that are sent to them.
 */
package io.github.springsignalr.emulator.hub;
