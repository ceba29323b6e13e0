package io.github.springsignalr.emulator.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;

import io.github.springsignalr.emulator.http.Exchange;

/**
 * CORS for browser clients, which negotiate from a page of another origin (the app's) with an {@code Authorization}
 * header and, as {@code @microsoft/signalr} does by default, with credentials. Only loopback origins
 * ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}, any scheme and port) are allowed: the emulator serves an
 * application on the same machine, and reflecting any origin with credentials, as Microsoft's emulator does, would
 * let any web page a developer visits call it. Other origins get no CORS headers, so browsers refuse the answer. Not
 * for the admin API.
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
		if (origin != null && isLoopback(origin)) {
			exchange.response()
				.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
				.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
				.header(HttpHeaderNames.VARY, "Origin");
		}
	}

	/**
	 * Whether an {@code Origin} header names a page served from this machine.
	 */
	static boolean isLoopback(String origin) {
		String host;
		try {
			host = new URI(origin).getHost();
		}
		catch (URISyntaxException ex) {
			return false;
		}
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.endsWith(".localhost") || name.equals("[::1]")
				|| name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
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
