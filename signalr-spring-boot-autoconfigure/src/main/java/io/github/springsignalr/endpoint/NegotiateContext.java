package io.github.springsignalr.endpoint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an {@link EndpointRouter} knows of a negotiating client: the hub, the user id its token will carry, and the
 * negotiate request's headers and query parameters, as .NET's {@code GetNegotiateEndpoint} gets the
 * {@code HttpContext}. The web stack that serves negotiate builds it; it ties the router to no servlet or reactive
 * API.
 * <p>
 * {@link #toString()} shows the hub and user only: headers may hold credentials.
 */
public final class NegotiateContext {

	private static final Function<String, List<String>> NONE = (name) -> List.of();

	private final String hub;

	private final String userId;

	private final Function<String, List<String>> headers;

	private final Function<String, List<String>> queryParameters;

	private NegotiateContext(String hub, String userId, Function<String, List<String>> headers,
			Function<String, List<String>> queryParameters) {
		this.hub = Objects.requireNonNull(hub, "hub");
		this.userId = userId;
		this.headers = Objects.requireNonNull(headers, "headers");
		this.queryParameters = Objects.requireNonNull(queryParameters, "queryParameters");
	}

	/**
	 * A negotiation without an HTTP request (one the application starts itself): no header, no query parameter.
	 * @param userId the user id, or {@code null} for an anonymous client
	 */
	public static NegotiateContext of(String hub, String userId) {
		return new NegotiateContext(hub, userId, NONE, NONE);
	}

	/**
	 * A negotiation for an HTTP request.
	 * @param userId the user id, or {@code null} for an anonymous client
	 * @param headers the values of a header by name, in any case; an empty list when it is absent
	 * @param queryParameters the decoded values of a query parameter by name (as sent, case counts); an empty list
	 * when it is absent
	 */
	public static NegotiateContext of(String hub, String userId, Function<String, List<String>> headers,
			Function<String, List<String>> queryParameters) {
		return new NegotiateContext(hub, userId, headers, queryParameters);
	}

	/**
	 * The hub as the client named it.
	 */
	public String hub() {
		return this.hub;
	}

	/**
	 * The user id the client's token will carry, empty for an anonymous client.
	 */
	public Optional<String> userId() {
		return Optional.ofNullable(this.userId);
	}

	/**
	 * The first value of a request header (the name in any case).
	 */
	public Optional<String> header(String name) {
		return headers(name).stream().findFirst();
	}

	/**
	 * Every value of a request header (the name in any case), empty when it is absent.
	 */
	public List<String> headers(String name) {
		List<String> values = this.headers.apply(name);
		return (values != null) ? values : List.of();
	}

	/**
	 * The first value of a query parameter of the negotiate request, decoded.
	 */
	public Optional<String> queryParameter(String name) {
		return queryParameters(name).stream().findFirst();
	}

	/**
	 * Every value of a query parameter of the negotiate request, decoded; empty when it is absent.
	 */
	public List<String> queryParameters(String name) {
		List<String> values = this.queryParameters.apply(name);
		return (values != null) ? values : List.of();
	}

	@Override
	public String toString() {
		return "NegotiateContext[hub=" + this.hub + ", user=" + ((this.userId != null) ? this.userId : "anonymous")
				+ "]";
	}

}
