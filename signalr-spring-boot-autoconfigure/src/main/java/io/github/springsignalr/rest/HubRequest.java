package io.github.springsignalr.rest;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;

/**
 * One call of the REST API, version 2022-06-01, before it is addressed to an endpoint: method, encoded path and
 * query, and the body.
 *
 * @param method the HTTP method
 * @param path the percent-encoded path, e.g. {@code /api/hubs/chat/users/a%20b/:send}
 * @param query the encoded query without {@code ?}, always with {@code api-version}
 * @param body the JSON body, or {@code null}
 */
record HubRequest(HttpMethod method, String path, String query, Object body) {

	static final String API_VERSION = "2022-06-01";

	private static final Pattern DOT_ESCAPE = Pattern.compile("(?i)%(?:25)*2e");

	static Builder on(String hub) {
		return new Builder(hub);
	}

	static final class Builder {

		private final StringBuilder path;

		private final StringBuilder query = new StringBuilder("api-version=" + API_VERSION);

		private Builder(String hub) {
			this.path = new StringBuilder("/api/hubs/").append(segment(hub));
		}

		Builder then(String literal) {
			this.path.append('/').append(literal);
			return this;
		}

		Builder thenValue(String value) {
			this.path.append('/').append(segment(value));
			return this;
		}

		Builder param(String name, String value) {
			if (value != null) {
				this.query.append('&').append(name).append('=').append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
			}
			return this;
		}

		Builder params(String name, Collection<String> values) {
			if (values != null) {
				values.forEach((value) -> param(name, value));
			}
			return this;
		}

		HubRequest build(HttpMethod method, Object body) {
			return new HubRequest(method, this.path.toString(), this.query.toString(), body);
		}

		private static String segment(String value) {
			if (value == null || value.isEmpty()) {
				throw new IllegalArgumentException("Hub, user, group and connection ids must not be empty");
			}
			if (isDotSegment(value)) {
				// Encoding does not help: a proxy or server that decodes and normalises the path would turn
				// /users/../:send into a broadcast.
				throw new IllegalArgumentException("'.' and '..' (also percent-encoded) are not valid as a hub name, "
						+ "user id, group name or connection id: they are path segments that servers remove");
			}
			return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
		}

		// ".", "..", and the same with any dot percent-encoded, once or twice (%2e, %252e), in any case.
		private static boolean isDotSegment(String value) {
			String dots = DOT_ESCAPE.matcher(value).replaceAll(".");
			return dots.equals(".") || dots.equals("..");
		}

	}

}
