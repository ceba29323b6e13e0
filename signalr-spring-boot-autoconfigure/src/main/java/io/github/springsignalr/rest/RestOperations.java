package io.github.springsignalr.rest;

import java.util.Map;

import org.springframework.http.HttpMethod;

/**
 * The name of the REST API operation a request is, for observations: read from the shape of its path (values
 * replaced by {@code {}}), never from the values, so that a user id or a group never becomes a key value.
 */
final class RestOperations {

	private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("POST :send", "send_to_all"),
			Map.entry("POST users/{}/:send", "send_to_user"),
			Map.entry("POST connections/{}/:send", "send_to_connection"),
			Map.entry("POST groups/{}/:send", "send_to_group"),
			Map.entry("PUT groups/{}/connections/{}", "add_connection_to_group"),
			Map.entry("DELETE groups/{}/connections/{}", "remove_connection_from_group"),
			Map.entry("PUT users/{}/groups/{}", "add_user_to_group"),
			Map.entry("DELETE users/{}/groups/{}", "remove_user_from_group"),
			Map.entry("DELETE users/{}/groups", "remove_user_from_all_groups"),
			Map.entry("DELETE connections/{}/groups", "remove_connection_from_all_groups"),
			Map.entry("DELETE connections/{}", "close_connection"),
			Map.entry("POST :closeConnections", "close_all_connections"),
			Map.entry("POST users/{}/:closeConnections", "close_user_connections"),
			Map.entry("POST groups/{}/:closeConnections", "close_group_connections"),
			Map.entry("HEAD connections/{}", "connection_exists"), Map.entry("HEAD users/{}", "user_exists"),
			Map.entry("HEAD groups/{}", "group_exists"),
			Map.entry("HEAD users/{}/groups/{}", "user_in_group"));

	private RestOperations() {
	}

	/**
	 * The operation's name, or for a path of another shape its method and shape ({@code POST groups/{}/:x}): still
	 * one value per operation, none naming a user.
	 */
	static String of(HttpMethod method, String path) {
		String shape = shape(path);
		String key = method.name() + " " + shape;
		return NAMES.getOrDefault(key, key);
	}

	/**
	 * The path after {@code /api/hubs/{hub}/} with its values replaced: after the hub, segments alternate between a
	 * collection ({@code users}) and a value, and an action ({@code :send}) starts with a colon, which an encoded
	 * value never does ({@code %3A}).
	 */
	static String shape(String path) {
		String rest = path.startsWith("/api/hubs/") ? path.substring("/api/hubs/".length()) : path;
		int slash = rest.indexOf('/');
		if (slash < 0) {
			return "";
		}
		StringBuilder shape = new StringBuilder();
		boolean value = false;
		for (String segment : rest.substring(slash + 1).split("/")) {
			if (!shape.isEmpty()) {
				shape.append('/');
			}
			if (segment.startsWith(":")) {
				shape.append(segment);
				value = false;
			}
			else {
				shape.append(value ? "{}" : segment);
				value = !value;
			}
		}
		return shape.toString();
	}

}
