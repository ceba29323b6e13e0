package io.github.springsignalr.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request and its response, with the reading and answering every endpoint needs.
 *
 * @param request the request
 * @param response its response
 * @param uri the request's path and decoded query
 */
public record Exchange(HttpServerRequest request, HttpServerResponse response, QueryStringDecoder uri) {

	private static final String BEARER = "bearer ";

	private static final JsonMapper json = JsonMapper.shared();

	public static Exchange of(HttpServerRequest request, HttpServerResponse response) {
		return new Exchange(request, response, new QueryStringDecoder(request.uri()));
	}

	/**
	 * Answers a request through {@code route}; a route that throws is logged with the request's method and path and
	 * answered by {@code failure}, an endpoint's own form of a 500, which is given the exception.
	 */
	public static Publisher<Void> answer(HttpServerRequest request, HttpServerResponse response, Logger logger,
			Function<Exchange, Publisher<Void>> route, BiFunction<Exchange, RuntimeException, Publisher<Void>> failure) {
		Exchange exchange = of(request, response);
		try {
			return route.apply(exchange);
		}
		catch (RuntimeException ex) {
			logger.error("{} {} failed", request.method(), exchange.rawPath(), ex);
			return failure.apply(exchange, ex);
		}
	}

	public HttpMethod method() {
		return this.request.method();
	}

	/**
	 * The raw (still percent-encoded) path.
	 */
	public String rawPath() {
		return this.uri.rawPath();
	}

	/**
	 * The first value of a query parameter, or {@code null}.
	 */
	public @Nullable String query(String name) {
		List<String> values = this.uri.parameters().get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Every value of a query parameter, in order.
	 */
	public List<String> queryAll(String name) {
		return this.uri.parameters().getOrDefault(name, List.of());
	}

	public String header(CharSequence name) {
		return this.request.requestHeaders().get(name);
	}

	/**
	 * The bearer token from the {@code Authorization} header, else from the {@code access_token} query parameter
	 * (where browsers put it for WebSockets), or {@code null}.
	 */
	public @Nullable String bearerToken() {
		String authorization = headerBearerToken();
		return (authorization != null) ? authorization : query("access_token");
	}

	/**
	 * The bearer token from the {@code Authorization} header only, or {@code null}: where the REST API and the
	 * access-key API take it.
	 */
	public @Nullable String headerBearerToken() {
		String authorization = header(HttpHeaderNames.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).trim();
		}
		return null;
	}

	/**
	 * The host names a token's audience may name for this request: the instance's own and the one the client used.
	 */
	public Set<String> audienceHosts(String ownHost) {
		Set<String> hosts = new LinkedHashSet<>();
		hosts.add(ownHost.toLowerCase(Locale.ROOT));
		String host = header(HttpHeaderNames.HOST);
		if (host != null) {
			int port = host.lastIndexOf(':');
			hosts.add(((port > host.lastIndexOf(']')) ? host.substring(0, port) : host).toLowerCase(Locale.ROOT));
		}
		return hosts;
	}

	public Publisher<Void> status(int status) {
		return this.response.status(status).send();
	}

	/**
	 * A JSON answer; the body is left out for {@code HEAD}.
	 */
	public Publisher<Void> json(int status, Object body) {
		this.response.status(status).header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
		if (HttpMethod.HEAD.equals(method())) {
			return this.response.send();
		}
		return this.response.sendString(Mono.just(json.writeValueAsString(body)), StandardCharsets.UTF_8);
	}

	/**
	 * An error as the service writes one: {@code x-ms-error-code} and a JSON body with the code and a message.
	 * @param code the service's error code, for example {@code Warning.Connection.NotExisted}
	 */
	public Publisher<Void> error(int status, String code, @Nullable String message) {
		this.response.header("x-ms-error-code", code);
		ObjectNode body = json.createObjectNode();
		body.put("code", code);
		body.put("message", message);
		return json(status, body);
	}

	/**
	 * 401 with the reason; the reason never holds the token.
	 */
	public Publisher<Void> unauthorized(@Nullable String reason) {
		this.response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		return error(401, "Error.Unauthorized", reason);
	}

}
