/**
 * Auto-configuration of the negotiate endpoint that redirects SignalR clients to the service: the Spring MVC or
 * WebFlux route, wired to the handlers of {@code io.github.springsignalr.negotiate.internal}.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.negotiate;

import org.jspecify.annotations.NullMarked;
