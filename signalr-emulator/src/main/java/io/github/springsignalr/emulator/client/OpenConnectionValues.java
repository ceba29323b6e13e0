package io.github.springsignalr.emulator.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.netty.handler.codec.http.HttpHeaderNames;

import io.github.springsignalr.emulator.http.Exchange;
import io.github.springsignalr.service.protocol.OpenConnectionMessage.Claim;

/**
 * What an {@code OpenConnection} tells the server of a client: the claims of its token, one pair per value (a type may
 * repeat), times as seconds since the epoch as in the token; and its HTTP headers, without {@code Authorization},
 * which holds its token.
 */
final class OpenConnectionValues {

	private OpenConnectionValues() {
	}

	static List<Claim> claims(Map<String, Object> claims) {
		List<Claim> pairs = new ArrayList<>();
		new TreeMap<>(claims).forEach((type, value) -> add(pairs, type, value));
		return pairs;
	}

	private static void add(List<Claim> pairs, String type, Object value) {
		if (value instanceof Collection<?> values) {
			values.forEach((item) -> add(pairs, type, item));
		}
		else if (value instanceof Date date) {
			pairs.add(new Claim(type, Long.toString(date.getTime() / 1000)));
		}
		else if (value != null) {
			pairs.add(new Claim(type, value.toString()));
		}
	}

	static Map<String, List<String>> headers(Exchange exchange) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : exchange.request().requestHeaders().names()) {
			if (!HttpHeaderNames.AUTHORIZATION.contentEqualsIgnoreCase(name)) {
				headers.put(name, List.copyOf(exchange.request().requestHeaders().getAll(name)));
			}
		}
		return headers;
	}

}
