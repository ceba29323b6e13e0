package io.github.springsignalr.negotiate.internal;

import java.util.List;
import java.util.Optional;

import io.github.springsignalr.negotiate.reactive.ReactiveNegotiateTokenCustomizer;
import io.github.springsignalr.negotiate.reactive.ReactiveNegotiateUserIdResolver;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves {@code POST {prefix}/{hub}/negotiate} in a WebFlux application: the request adapted to
 * {@link NegotiateRequestHandler}, which the Spring MVC route shares. Nothing here blocks: the user id comes as a
 * {@code Mono} and the token is signed on the event loop, CPU work only.
 */
public final class ReactiveNegotiateHandler implements HandlerFunction<ServerResponse> {

	private final NegotiateRequestHandler handler;

	private final ReactiveNegotiateUserIdResolver userIdResolver;

	private final List<ReactiveNegotiateTokenCustomizer> customizers;

	public ReactiveNegotiateHandler(NegotiateRequestHandler handler, ReactiveNegotiateUserIdResolver userIdResolver,
			List<ReactiveNegotiateTokenCustomizer> customizers) {
		this.handler = handler;
		this.userIdResolver = userIdResolver;
		this.customizers = customizers;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		String hub = request.pathVariable("hub");
		NegotiateAnswer refused = this.handler.checkHub(hub);
		if (refused != null) {
			return write(refused);
		}
		// An Optional, not an empty Mono, so that an anonymous client still negotiates.
		return this.userIdResolver.resolveUserId(request)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((userId) -> write(this.handler.negotiate(hub, userId.orElse(null),
					request.headers().asHttpHeaders(), request.uri(),
					(token) -> this.customizers.forEach((customizer) -> customizer.customize(request, token)))));
	}

	private static Mono<ServerResponse> write(NegotiateAnswer answer) {
		return ServerResponse.status(answer.status()).contentType(MediaType.APPLICATION_JSON).bodyValue(answer.body());
	}

}
