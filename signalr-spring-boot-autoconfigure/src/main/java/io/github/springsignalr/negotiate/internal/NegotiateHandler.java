package io.github.springsignalr.negotiate.internal;

import java.util.List;

import io.github.springsignalr.negotiate.servlet.NegotiateTokenCustomizer;
import io.github.springsignalr.negotiate.servlet.NegotiateUserIdResolver;
import io.github.springsignalr.token.SignalRNegotiator;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves {@code POST {prefix}/{hub}/negotiate} in a Spring MVC application: the request adapted to
 * {@link NegotiateRequestHandler}, which the WebFlux route shares.
 */
public final class NegotiateHandler implements HandlerFunction<ServerResponse> {

	private final NegotiateRequestHandler handler;

	private final NegotiateUserIdResolver userIdResolver;

	private final List<NegotiateTokenCustomizer> customizers;

	public NegotiateHandler(SignalRNegotiator negotiator, List<String> hubs, NegotiateUserIdResolver userIdResolver,
			List<NegotiateTokenCustomizer> customizers) {
		this(new NegotiateRequestHandler(negotiator, hubs), userIdResolver, customizers);
	}

	public NegotiateHandler(NegotiateRequestHandler handler, NegotiateUserIdResolver userIdResolver,
			List<NegotiateTokenCustomizer> customizers) {
		this.handler = handler;
		this.userIdResolver = userIdResolver;
		this.customizers = customizers;
	}

	@Override
	public ServerResponse handle(ServerRequest request) {
		String hub = request.pathVariable("hub");
		NegotiateAnswer refused = this.handler.checkHub(hub);
		if (refused != null) {
			return write(refused);
		}
		String userId = this.userIdResolver.resolveUserId(request);
		return write(this.handler.negotiate(hub, userId, request.headers().asHttpHeaders(), request.uri(),
				(token) -> this.customizers.forEach((customizer) -> customizer.customize(request, token))));
	}

	private static ServerResponse write(NegotiateAnswer answer) {
		return ServerResponse.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
	}

}
