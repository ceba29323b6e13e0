package io.github.springsignalr.rest;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;

/**
 * One call of the REST API, version 2022-06-01, before it is addressed to an endpoint: method, encoded path, the
 * query its token's audience names, the rest of the query, and the body.
 * <p>
 * Built as the .NET Management SDK's {@code RestApiProvider} builds its calls: the hub lower-cased, every path value
 * escaped as {@code Uri.EscapeDataString} does (all but the unreserved characters), and an audience query of
 * {@code application=<application lower-cased>&api-version=2022-06-01} ({@code api-version} alone without an
 * application). Parameters such as {@code excluded}, {@code reason} and {@code ttl} follow in the request's query
 * but never in the audience, so a long exclusion list does not grow the token.
 *
 * @param method the HTTP method
 * @param path the percent-encoded path, e.g. {@code /api/hubs/chat/users/a%20b/:send}
 * @param audienceQuery the encoded query the token's audience carries, without {@code ?}: always with
 * {@code api-version}
 * @param extraQuery the encoded parameters sent after it, without {@code &}, or an empty string
 * @param notExistedCode the {@code x-ms-error-code} of a 404 that means "not there" for this call, as the .NET SDK
 * expects it, or {@code null} when the call expects none
 * @param body the JSON body, or {@code null}
 * @param target what the call addresses, which decides the endpoints it goes to
 */
record HubRequest(HttpMethod method, String path, String audienceQuery, String extraQuery, String notExistedCode,
		Object body, Target target) {

	static final String API_VERSION = "2022-06-01";

	private static final Pattern DOT_ESCAPE = Pattern.compile("(?i)%(?:25)*2e");

	/** The answer of an existence check of a connection that is not there ({@code Constants.ErrorCodes}). */
	static final String CONNECTION_NOT_EXISTED = "Warning.Connection.NotExisted";

	static final String USER_NOT_EXISTED = "Warning.User.NotExisted";

	static final String GROUP_NOT_EXISTED = "Warning.Group.NotExisted";

	/** The answer of the user-in-group check when the user is not in the group ({@code Constants.ErrorCodes}). */
	static final String USER_NOT_IN_GROUP = "Info.User.NotInGroup";

	/** The answer when a connection added to a group is not on the endpoint. */
	static final String CONNECTION_NOT_EXISTED_ERROR = "Error.Connection.NotExisted";

	/**
	 * The query sent to every endpoint, {@code excluded}, {@code reason} and the like included.
	 */
	String query() {
		return this.extraQuery.isEmpty() ? this.audienceQuery : this.audienceQuery + "&" + this.extraQuery;
	}

	/**
	 * The hub as it is in the path: lower-cased.
	 */
	String hub() {
		String rest = this.path.substring("/api/hubs/".length());
		int slash = rest.indexOf('/');
		return UriUtils.decode((slash < 0) ? rest : rest.substring(0, slash), StandardCharsets.UTF_8);
	}

	static Builder on(String hub) {
		return new Builder(hub, null);
	}

	/**
	 * @param application the application the hub belongs to ({@code application=} in the query), or {@code null}
	 */
	static Builder on(String hub, @Nullable String application) {
		return new Builder(hub, application);
	}

	/**
	 * What a call addresses: the hub's clients, or one user, group or connection.
	 *
	 * @param kind which
	 * @param id the user id, group name or connection id (not encoded), {@code null} for a broadcast
	 */
	record Target(Kind kind, @Nullable String id) {

		enum Kind {

			BROADCAST, USER, GROUP, CONNECTION

		}

	}

	static final class Builder {

		private final StringBuilder path;

		private final String audienceQuery;

		private final StringBuilder extraQuery = new StringBuilder();

		private @Nullable String notExistedCode;

		private @Nullable String lastLiteral;

		private Target target = new Target(Target.Kind.BROADCAST, null);

		private Builder(String hub, @Nullable String application) {
			if (hub == null || hub.isEmpty()) {
				throw new IllegalArgumentException("A hub name is required");
			}
			refuseDotSegment(hub);
			this.path = new StringBuilder("/api/hubs/").append(escape(hub.toLowerCase(Locale.ROOT)));
			this.audienceQuery = (application != null && !application.isEmpty())
					? "application=" + escape(application.toLowerCase(Locale.ROOT)) + "&api-version=" + API_VERSION
					: "api-version=" + API_VERSION;
		}

		Builder then(String literal) {
			this.path.append('/').append(literal);
			this.lastLiteral = literal;
			return this;
		}

		Builder thenValue(String value) {
			if (value == null || value.isEmpty()) {
				throw new IllegalArgumentException("Hub, user, group and connection ids must not be empty");
			}
			refuseDotSegment(value);
			this.path.append('/').append(escape(value));
			target(value);
			return this;
		}

		/**
		 * A parameter of the request's query, left out of the token's audience as the .NET SDK leaves it out.
		 */
		Builder param(String name, String value) {
			if (value != null) {
				if (!this.extraQuery.isEmpty()) {
					this.extraQuery.append('&');
				}
				this.extraQuery.append(name).append('=').append(escape(value));
			}
			return this;
		}

		Builder params(String name, Collection<String> values) {
			if (values != null) {
				values.forEach((value) -> param(name, value));
			}
			return this;
		}

		/**
		 * The {@code x-ms-error-code} of a 404 that means "not there" for this call.
		 */
		Builder notExisted(String errorCode) {
			this.notExistedCode = errorCode;
			return this;
		}

		HubRequest build(HttpMethod method, Object body) {
			return new HubRequest(method, this.path.toString(), this.audienceQuery, this.extraQuery.toString(),
					this.notExistedCode, body, this.target);
		}

		// A group in the path decides (users/{u}/groups/{g}, groups/{g}/connections/{c}: membership follows the
		// group, as the .NET SDK routes a join by its group); else the first user or connection; else a broadcast.
		private void target(String value) {
			Target.Kind kind = switch (String.valueOf(this.lastLiteral)) {
				case "groups" -> Target.Kind.GROUP;
				case "users" -> Target.Kind.USER;
				case "connections" -> Target.Kind.CONNECTION;
				default -> null;
			};
			if (kind == Target.Kind.GROUP || (kind != null && this.target.kind() == Target.Kind.BROADCAST)) {
				this.target = new Target(kind, value);
			}
		}

		/**
		 * As .NET's {@code Uri.EscapeDataString}: every character but the unreserved ones ({@code A-Z a-z 0-9 - . _ ~})
		 * percent-encoded in UTF-8, so that the audience is the same text the .NET SDK signs.
		 */
		private static String escape(String value) {
			return UriUtils.encode(value, StandardCharsets.UTF_8);
		}

		private static void refuseDotSegment(String value) {
			if (isDotSegment(value)) {
				// Encoding does not help: a proxy or server that decodes and normalises the path would turn
				// /users/../:send into a broadcast.
				throw new IllegalArgumentException("'.' and '..' (also percent-encoded) are not valid as a hub name, "
						+ "user id, group name or connection id: they are path segments that servers remove");
			}
		}

		// ".", "..", and the same with any dot percent-encoded, once or twice (%2e, %252e), in any case.
		private static boolean isDotSegment(String value) {
			String dots = DOT_ESCAPE.matcher(value).replaceAll(".");
			return dots.equals(".") || dots.equals("..");
		}

	}

}
