package io.github.springsignalr.emulator.rest;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import io.github.springsignalr.emulator.hub.HubMessages;

/**
 * The body of a send: {@code {"target": …, "arguments": […]}}. Names are matched without regard to case, as the
 * service binds them (the .NET SDK writes {@code Target} and {@code Arguments}).
 *
 * @param target the client method to invoke
 * @param arguments its arguments, a JSON array
 */
record PayloadMessage(String target, ArrayNode arguments) {

	/**
	 * Reads a request body.
	 * @throws IllegalArgumentException with a message for the caller if the body is not a valid message
	 */
	static PayloadMessage parse(byte[] body) {
		if (body.length == 0) {
			throw new IllegalArgumentException("Message in request body is required.");
		}
		JsonNode root;
		try {
			root = HubMessages.json().readTree(body);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("The request body is not valid JSON.");
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("The request body must be a JSON object with 'target' and 'arguments'.");
		}
		JsonNode target = property(root, "target");
		if (target == null || !target.isString() || target.asString().isEmpty()) {
			throw new IllegalArgumentException("The message's 'target' is required.");
		}
		JsonNode arguments = property(root, "arguments");
		if (arguments == null || arguments.isNull()) {
			return new PayloadMessage(target.asString(), HubMessages.json().createArrayNode());
		}
		if (!arguments.isArray()) {
			throw new IllegalArgumentException("The message's 'arguments' must be an array.");
		}
		return new PayloadMessage(target.asString(), (ArrayNode) arguments);
	}

	/**
	 * The invocation record clients receive.
	 */
	String toRecord() {
		return HubMessages.invocation(this.target, this.arguments);
	}

	private static @Nullable JsonNode property(JsonNode object, String name) {
		for (Map.Entry<String, JsonNode> property : object.properties()) {
			if (property.getKey().equalsIgnoreCase(name)) {
				return property.getValue();
			}
		}
		return null;
	}

}
