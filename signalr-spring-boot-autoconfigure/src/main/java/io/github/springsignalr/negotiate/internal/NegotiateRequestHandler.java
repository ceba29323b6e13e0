package io.github.springsignalr.negotiate.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
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

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Handles {@code POST {prefix}/{hub}/negotiate} for any web stack: the redirect a SignalR client follows to the
 * service. The answer has the shape ASP.NET Core's gives ({@code negotiateVersion} 0, {@code url},
 * {@code accessToken}, no transports), which the official clients read as "connect there with this token". What the
 * client sent is never echoed: errors are fixed texts.
 * <p>
 * A request is handled in two steps, so that a stack resolves the user (perhaps asynchronously) only for a hub it
 * serves: {@link #checkHub(String)}, then {@link #negotiate}. Token signing is CPU work only: neither step blocks.
 */
public class NegotiateRequestHandler {

	private static final Log logger = LogFactory.getLog(NegotiateRequestHandler.class);

	private static final String INVALID_HUB = "Invalid hub name: 1 to 128 characters, a letter first, then letters, "
			+ "digits and _`,.[]";

	private final SignalRNegotiator negotiator;

	private final Set<String> hubs;

	/**
	 * @param hubs the hubs clients may negotiate for, in any case; empty for any valid hub name
	 */
	public NegotiateRequestHandler(SignalRNegotiator negotiator, Collection<String> hubs) {
		this.negotiator = Objects.requireNonNull(negotiator, "negotiator");
		this.hubs = hubs.stream().map((hub) -> hub.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
	}

	/**
	 * The error for a hub that is no valid hub name (400) or not one of the allowed hubs (404).
	 * @param hub the URL's {@code {hub}}
	 * @return the error, or {@code null} when the hub is served
	 */
	public NegotiateAnswer checkHub(String hub) {
		if (!ClientTokenRequest.isValidHub(hub)) {
			return error(400, INVALID_HUB);
		}
		if (!this.hubs.isEmpty() && !this.hubs.contains(hub.toLowerCase(Locale.ROOT))) {
			return error(404, "No such hub");
		}
		return null;
	}

	/**
	 * Negotiates for a hub that {@link #checkHub(String)} accepted.
	 * @param userId the user id the stack resolved, or {@code null} for an anonymous client; an empty one is a 400
	 * @param headers the request's headers, for the {@link io.github.springsignalr.endpoint.EndpointRouter}
	 * @param uri the request's URI: its query (never a form body's fields) goes to the router
	 * @param customizer the stack's token customizers, applied after the user id is set
	 */
	public NegotiateAnswer negotiate(String hub, String userId, HttpHeaders headers, URI uri,
			Consumer<ClientTokenRequest.Builder> customizer) {
		if (userId != null && userId.isEmpty()) {
			return error(400, "The user id is empty");
		}
		ClientTokenRequest.Builder token = ClientTokenRequest.builder(hub).userId(userId);
		customizer.accept(token);
		try {
			ClientTokenRequest tokenRequest = token.build();
			NegotiateResponse answer = this.negotiator.negotiate(tokenRequest, context(headers, uri, tokenRequest));
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("negotiateVersion", 0);
			body.put("url", answer.url());
			body.put("accessToken", answer.accessToken());
			body.put("availableTransports", List.of());
			return new NegotiateAnswer(200, body);
		}
		catch (NoAvailableEndpointException ex) {
			// The endpoints are the operator's business, not the client's: in the log only.
			logger.warn("Negotiate for hub '" + hub + "' failed: " + ex.getMessage());
			return error(503, "No Azure SignalR endpoint is available");
		}
		catch (AccessTokenTooLongException ex) {
			return error(413, ex.getMessage());
		}
	}

	private static NegotiateContext context(HttpHeaders headers, URI uri, ClientTokenRequest token) {
		Supplier<MultiValueMap<String, String>> query = SingletonSupplier
			.of(() -> UriComponentsBuilder.fromUri(uri).build().getQueryParams());
		return NegotiateContext.of(token.hub(), token.userId(), headers::getOrEmpty,
				(name) -> decoded(query.get().get(name)));
	}

	private static List<String> decoded(List<String> values) {
		if (values == null) {
			return List.of();
		}
		// A parameter without "=" has a null value: present, and empty. A value that does not decode (a stray "%")
		// names nothing a router could look for: it is left out rather than failing the negotiate.
		return values.stream().map(NegotiateRequestHandler::decodeValue).filter(Objects::nonNull).toList();
	}

	private static String decodeValue(String value) {
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

	private static NegotiateAnswer error(int status, String message) {
		return new NegotiateAnswer(status, Map.of("error", message));
	}

}
