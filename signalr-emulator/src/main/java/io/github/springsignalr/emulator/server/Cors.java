package io.github.springsignalr.emulator.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;

import io.github.springsignalr.emulator.http.Exchange;

/**
 * CORS for browser clients, which negotiate from a page of another origin (the app's) with an {@code Authorization}
 * header: every origin is allowed, with credentials, as Microsoft's emulator allows them. Not for the admin API.
 */
final class Cors {

	private static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE, HEAD, OPTIONS";

	private Cors() {
	}

	/**
	 * Adds the headers a cross-origin answer needs, if the request has an {@code Origin}.
	 */
	static void allow(Exchange exchange) {
		String origin = exchange.header(HttpHeaderNames.ORIGIN);
		if (origin != null) {
			exchange.response()
				.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
				.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
				.header(HttpHeaderNames.VARY, "Origin");
		}
	}

	/**
	 * The answer to a preflight {@code OPTIONS}.
	 */
	static Publisher<Void> preflight(Exchange exchange) {
		allow(exchange);
		String headers = exchange.header(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
		exchange.response().header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
		if (headers != null) {
			exchange.response().header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, headers);
		}
		exchange.response().header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
		return exchange.status(204);
	}

}
