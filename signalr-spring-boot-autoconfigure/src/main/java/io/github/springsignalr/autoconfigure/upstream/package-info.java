/**
 * Auto-configuration of the upstream URL that receives the service's serverless events: the Spring MVC or WebFlux
 * route, wired to the handlers of {@code io.github.springsignalr.upstream.internal}.
 */
@NullMarked
package io.github.springsignalr.autoconfigure.upstream;

import org.jspecify.annotations.NullMarked;
