/**
 * The instance's HTTP server: routing to the client endpoint, the REST API, health and the admin API, and CORS for
 * browsers.
 */
package io.github.springsignalr.emulator.server;
