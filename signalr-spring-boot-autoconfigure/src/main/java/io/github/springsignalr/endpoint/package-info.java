/**
 * The application's Azure SignalR Service endpoints: names, types, keys and online state, held as immutable snapshots
 * that change atomically.
 */
package io.github.springsignalr.endpoint;
