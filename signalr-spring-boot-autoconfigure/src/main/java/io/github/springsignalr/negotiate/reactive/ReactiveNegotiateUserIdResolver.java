package io.github.springsignalr.negotiate.reactive;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Tells who is negotiating in a WebFlux application, as
 * {@link io.github.springsignalr.negotiate.servlet.NegotiateUserIdResolver} does in a Spring MVC one: the user id that
 * goes into the client's token ({@code asrs.s.uid}). The default is the name of the {@code ServerWebExchange}'s
 * principal, or none (anonymous). Declare a bean of this type to take it from elsewhere.
 */
@FunctionalInterface
public interface ReactiveNegotiateUserIdResolver {

	/**
	 * @return the user id, or an empty {@code Mono} for an anonymous client; it must not block
	 */
	Mono<String> resolveUserId(ServerRequest request);

}
