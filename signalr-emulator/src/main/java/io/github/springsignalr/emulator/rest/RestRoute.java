package io.github.springsignalr.emulator.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;

/**
 * A REST request's path understood: which {@link Operation}, on which hub, with which user, group and connection.
 * Both path families are accepted, each with and without the {@code :send} suffix (as the service accepts them), and
 * the aliases {@code groups/{g}/users/{u}} and {@code connections/{c}/groups/{g}}.
 *
 * @param operation what is asked
 * @param legacy whether the path is of the {@code /api/v1/} family
 * @param hub the hub, as written in the path
 * @param user the user id, or {@code null}
 * @param group the group, or {@code null}
 * @param connectionId the connection id, or {@code null}
 */
record RestRoute(Operation operation, boolean legacy, @Nullable String hub, @Nullable String user,
		@Nullable String group, @Nullable String connectionId) {

	private static final String SEND = ":send";

	private static final String CLOSE_CONNECTIONS = ":closeConnections";

	/**
	 * Understands {@code method} on {@code rawPath}, or nothing when the API has no such route.
	 */
	static Optional<RestRoute> of(HttpMethod method, String rawPath) {
		List<String> segments = segments(rawPath);
		boolean legacy;
		int hubIndex;
		if (segments.size() >= 4 && segments.get(0).equals("api") && segments.get(1).equals("v1")
				&& segments.get(2).equals("hubs")) {
			legacy = true;
			hubIndex = 3;
		}
		else if (segments.size() >= 3 && segments.get(0).equals("api") && segments.get(1).equals("hubs")) {
			legacy = false;
			hubIndex = 2;
		}
		else {
			return Optional.empty();
		}
		String hub = segments.get(hubIndex);
		List<String> rest = segments.subList(hubIndex + 1, segments.size());
		return Optional.ofNullable(route(method, rest))
			.map((target) -> new RestRoute(target.operation(), legacy, hub, target.user(), target.group(),
					target.connectionId()));
	}

	private static @Nullable RestRoute route(HttpMethod method, List<String> rest) {
		String verb = method.name();
		boolean send = !rest.isEmpty() && rest.get(rest.size() - 1).equals(SEND);
		List<String> path = send ? rest.subList(0, rest.size() - 1) : rest;
		if (send && !verb.equals("POST")) {
			return null;
		}
		if (path.isEmpty()) {
			return verb.equals("POST") ? target(Operation.BROADCAST, null, null, null) : null;
		}
		if (path.size() == 1 && path.get(0).equals(CLOSE_CONNECTIONS) && !send) {
			return verb.equals("POST") ? target(Operation.CLOSE_ALL_CONNECTIONS, null, null, null) : null;
		}
		String kind = path.get(0);
		if (path.size() < 2) {
			return null;
		}
		String id = path.get(1);
		List<String> tail = path.subList(2, path.size());
		return switch (kind) {
			case "users" -> userRoute(verb, id, tail, send);
			case "groups" -> groupRoute(verb, id, tail, send);
			case "connections" -> connectionRoute(verb, id, tail, send);
			default -> null;
		};
	}

	// A user or group itself: POST sends to it; HEAD and GET ask whether it exists, except on the send-only paths.
	private static @Nullable RestRoute sendOrExists(String verb, boolean send, Operation sendTo, Operation exists,
			@Nullable String user, @Nullable String group) {
		return switch (verb) {
			case "POST" -> target(sendTo, user, group, null);
			case "HEAD", "GET" -> send ? null : target(exists, user, group, null);
			default -> null;
		};
	}

	private static @Nullable RestRoute userRoute(String verb, String user, List<String> tail, boolean send) {
		if (tail.isEmpty()) {
			return sendOrExists(verb, send, Operation.SEND_TO_USER, Operation.USER_EXISTS, user, null);
		}
		if (send) {
			return null;
		}
		if (tail.size() == 1 && tail.get(0).equals(CLOSE_CONNECTIONS)) {
			return verb.equals("POST") ? target(Operation.CLOSE_USER_CONNECTIONS, user, null, null) : null;
		}
		if (tail.size() == 1 && tail.get(0).equals("groups")) {
			return verb.equals("DELETE") ? target(Operation.REMOVE_USER_FROM_ALL_GROUPS, user, null, null) : null;
		}
		if (tail.size() == 2 && tail.get(0).equals("groups")) {
			return userGroupRoute(verb, user, tail.get(1));
		}
		return null;
	}

	private static @Nullable RestRoute groupRoute(String verb, String group, List<String> tail, boolean send) {
		if (tail.isEmpty()) {
			return sendOrExists(verb, send, Operation.SEND_TO_GROUP, Operation.GROUP_EXISTS, null, group);
		}
		if (send) {
			return null;
		}
		if (tail.size() == 1 && tail.get(0).equals(CLOSE_CONNECTIONS)) {
			return verb.equals("POST") ? target(Operation.CLOSE_GROUP_CONNECTIONS, null, group, null) : null;
		}
		if (tail.size() == 2 && tail.get(0).equals("connections")) {
			return connectionGroupRoute(verb, tail.get(1), group);
		}
		if (tail.size() == 2 && tail.get(0).equals("users")) {
			return userGroupRoute(verb, tail.get(1), group);
		}
		return null;
	}

	private static @Nullable RestRoute connectionRoute(String verb, String connectionId, List<String> tail,
			boolean send) {
		if (tail.isEmpty()) {
			return switch (verb) {
				case "POST" -> target(Operation.SEND_TO_CONNECTION, null, null, connectionId);
				case "HEAD", "GET" -> send ? null : target(Operation.CONNECTION_EXISTS, null, null, connectionId);
				case "DELETE" -> send ? null : target(Operation.CLOSE_CONNECTION, null, null, connectionId);
				default -> null;
			};
		}
		if (send) {
			return null;
		}
		if (tail.size() == 1 && tail.get(0).equals("groups")) {
			return verb.equals("DELETE") ? target(Operation.REMOVE_CONNECTION_FROM_ALL_GROUPS, null, null, connectionId)
					: null;
		}
		if (tail.size() == 2 && tail.get(0).equals("groups")) {
			return connectionGroupRoute(verb, connectionId, tail.get(1));
		}
		return null;
	}

	private static @Nullable RestRoute userGroupRoute(String verb, String user, String group) {
		return switch (verb) {
			case "PUT" -> target(Operation.ADD_USER_TO_GROUP, user, group, null);
			case "DELETE" -> target(Operation.REMOVE_USER_FROM_GROUP, user, group, null);
			case "HEAD", "GET" -> target(Operation.USER_IN_GROUP, user, group, null);
			default -> null;
		};
	}

	private static @Nullable RestRoute connectionGroupRoute(String verb, String connectionId, String group) {
		return switch (verb) {
			case "PUT" -> target(Operation.ADD_CONNECTION_TO_GROUP, null, group, connectionId);
			case "DELETE" -> target(Operation.REMOVE_CONNECTION_FROM_GROUP, null, group, connectionId);
			default -> null;
		};
	}

	private static RestRoute target(Operation operation, @Nullable String user, @Nullable String group,
			@Nullable String connectionId) {
		return new RestRoute(operation, false, null, user, group, connectionId);
	}

	private static List<String> segments(String rawPath) {
		List<String> segments = new ArrayList<>();
		for (String segment : rawPath.split("/")) {
			if (!segment.isEmpty()) {
				// Path segments: a '+' is a plus, not a space.
				segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
			}
		}
		return segments;
	}

}
