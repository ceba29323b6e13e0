package io.github.springsignalr.emulator.hub;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON hub protocol's records as the service writes them: each a JSON object followed by the record separator
 * {@code 0x1E}. Message types: 1 invocation, 3 completion, 6 ping, 7 close.
 */
public final class HubMessages {

	/** Ends every record of the JSON hub protocol, the handshake included. */
	public static final char RECORD_SEPARATOR = '\u001e';

	public static final int INVOCATION = 1;

	public static final int STREAM_ITEM = 2;

	public static final int COMPLETION = 3;

	public static final int STREAM_INVOCATION = 4;

	public static final int CANCEL_INVOCATION = 5;

	public static final int PING = 6;

	public static final int CLOSE = 7;

	/** The answer to a handshake the server accepts. */
	public static final String HANDSHAKE_ACCEPTED = "{}" + RECORD_SEPARATOR;

	private static final String PING_RECORD = "{\"type\":6}" + RECORD_SEPARATOR;

	private static final JsonMapper json = JsonMapper.shared();

	private HubMessages() {
	}

	public static JsonMapper json() {
		return json;
	}

	/**
	 * An invocation of {@code target} on the client with {@code arguments} (a JSON array), without an invocation id:
	 * the service never waits for a client's answer to a message sent through the REST API.
	 */
	public static String invocation(String target, ArrayNode arguments) {
		ObjectNode message = json.createObjectNode();
		message.put("type", INVOCATION);
		message.put("target", target);
		message.set("arguments", arguments);
		return record(message);
	}

	public static String ping() {
		return PING_RECORD;
	}

	/**
	 * A close message; {@code error} may be {@code null} for a normal close.
	 */
	public static String close(String error) {
		ObjectNode message = json.createObjectNode();
		message.put("type", CLOSE);
		if (error != null) {
			message.put("error", error);
		}
		message.put("allowReconnect", false);
		return record(message);
	}

	/**
	 * A completion of {@code invocationId}, empty when {@code error} is {@code null}.
	 */
	public static String completion(String invocationId, @Nullable String error) {
		ObjectNode message = json.createObjectNode();
		message.put("type", COMPLETION);
		message.put("invocationId", invocationId);
		if (error != null) {
			message.put("error", error);
		}
		return record(message);
	}

	/**
	 * A handshake answer refusing the connection.
	 */
	public static String handshakeError(String error) {
		ObjectNode message = json.createObjectNode();
		message.put("error", error);
		return record(message);
	}

	/**
	 * Parses one record (without its separator) as a JSON object.
	 * @throws IllegalArgumentException if it is not one
	 */
	public static JsonNode parse(String record) {
		JsonNode node;
		try {
			node = json.readTree(record);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("A record is not valid JSON", ex);
		}
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("A record is not a JSON object");
		}
		return node;
	}

	/**
	 * Splits text received from a client into complete records, keeping a trailing partial one in {@code pending}.
	 * @return the complete records, without their separators
	 */
	public static List<String> split(StringBuilder pending, String received) {
		pending.append(received);
		List<String> records = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < pending.length(); i++) {
			if (pending.charAt(i) == RECORD_SEPARATOR) {
				records.add(pending.substring(start, i));
				start = i + 1;
			}
		}
		pending.delete(0, start);
		return records;
	}

	private static String record(JsonNode message) {
		return json.writeValueAsString(message) + RECORD_SEPARATOR;
	}

}
