package io.github.springsignalr.negotiate.reactive;

import io.github.springsignalr.token.ClientTokenRequest;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Adds claims, roles or a lifetime to the token a negotiating client receives in a WebFlux application, as
 * {@link io.github.springsignalr.negotiate.servlet.NegotiateTokenCustomizer} does in a Spring MVC one. Customizers run
 * in order, after the user id is set, on the request's event loop: they must not block.
 */
@FunctionalInterface
public interface ReactiveNegotiateTokenCustomizer {

	void customize(ServerRequest request, ClientTokenRequest.Builder token);

}
