package io.github.springsignalr.autoconfigure.negotiate;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.springsignalr.endpoint.NegotiateContext;
import io.github.springsignalr.endpoint.NoAvailableEndpointException;
import io.github.springsignalr.token.AccessTokenTooLongException;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.NegotiateResponse;
import io.github.springsignalr.token.SignalRNegotiator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Serves {@code POST {prefix}/{hub}/negotiate}: the redirect a SignalR client follows to the service. The answer has
 * the shape ASP.NET Core's gives ({@code negotiateVersion} 0, {@code url}, {@code accessToken}, no transports), which
 * the official clients read as "connect there with this token".
 */
class NegotiateHandler implements HandlerFunction<ServerResponse> {

	private static final Log logger = LogFactory.getLog(NegotiateHandler.class);

	private static final String INVALID_HUB = "Invalid hub name: 1 to 128 characters, a letter first, then letters, "
			+ "digits and _`,.[]";

	private final SignalRNegotiator negotiator;

	private final Set<String> hubs;

	private final NegotiateUserIdResolver userIdResolver;

	private final List<NegotiateTokenCustomizer> customizers;

	NegotiateHandler(SignalRNegotiator negotiator, List<String> hubs, NegotiateUserIdResolver userIdResolver,
			List<NegotiateTokenCustomizer> customizers) {
		this.negotiator = negotiator;
		this.hubs = hubs.stream().map((hub) -> hub.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
		this.userIdResolver = userIdResolver;
		this.customizers = customizers;
	}

	@Override
	public ServerResponse handle(ServerRequest request) {
		// What the client sent is not echoed: the answers are fixed texts.
		String hub = request.pathVariable("hub");
		if (!ClientTokenRequest.isValidHub(hub)) {
			return error(HttpStatus.BAD_REQUEST, INVALID_HUB);
		}
		if (!this.hubs.isEmpty() && !this.hubs.contains(hub.toLowerCase(Locale.ROOT))) {
			return error(HttpStatus.NOT_FOUND, "No such hub");
		}
		String userId = this.userIdResolver.resolveUserId(request);
		if (userId != null && userId.isEmpty()) {
			return error(HttpStatus.BAD_REQUEST, "The user id is empty");
		}
		ClientTokenRequest.Builder token = ClientTokenRequest.builder(hub).userId(userId);
		this.customizers.forEach((customizer) -> customizer.customize(request, token));
		try {
			ClientTokenRequest tokenRequest = token.build();
			NegotiateResponse answer = this.negotiator.negotiate(tokenRequest, context(request, tokenRequest));
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("negotiateVersion", 0);
			body.put("url", answer.url());
			body.put("accessToken", answer.accessToken());
			body.put("availableTransports", List.of());
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body);
		}
		catch (NoAvailableEndpointException ex) {
			// The endpoints are the operator's business, not the client's: in the log only.
			logger.warn("Negotiate for hub '" + hub + "' failed: " + ex.getMessage());
			return error(HttpStatus.SERVICE_UNAVAILABLE, "No Azure SignalR endpoint is available");
		}
		catch (AccessTokenTooLongException ex) {
			return error(HttpStatus.PAYLOAD_TOO_LARGE, ex.getMessage());
		}
	}

	// The query alone, not ServerRequest.params(), which holds a form body's fields too.
	private static NegotiateContext context(ServerRequest request, ClientTokenRequest token) {
		Supplier<MultiValueMap<String, String>> query = SingletonSupplier
			.of(() -> UriComponentsBuilder.fromUri(request.uri()).build().getQueryParams());
		return NegotiateContext.of(token.hub(), token.userId(), (name) -> request.headers().header(name),
				(name) -> decoded(query.get().get(name)));
	}

	private static List<String> decoded(@Nullable List<String> values) {
		if (values == null) {
			return List.of();
		}
		// A parameter without "=" has a null value: present, and empty. A value that does not decode (a stray "%")
		// names nothing a router could look for: it is left out rather than failing the negotiate.
		return values.stream().map(NegotiateHandler::decodeValue).filter(Objects::nonNull).toList();
	}

	private static @Nullable String decodeValue(String value) {
		if (value == null) {
			return "";
		}
		try {
			return UriUtils.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static ServerResponse error(HttpStatus status, @Nullable String message) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
	}

}
