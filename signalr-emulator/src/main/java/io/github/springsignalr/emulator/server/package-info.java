/**
 * The instance's HTTP server: routing to the client endpoint, the REST API, health and the admin API, and CORS for
 * browsers.
 */
@NullMarked
package io.github.springsignalr.emulator.server;

import org.jspecify.annotations.NullMarked;
