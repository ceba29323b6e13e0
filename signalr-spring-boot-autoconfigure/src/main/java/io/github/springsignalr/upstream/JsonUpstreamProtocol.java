package io.github.springsignalr.upstream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON hub protocol: each message a JSON object followed by the record separator {@code 0x1E}. An invocation body
 * is read with or without its separator (the Functions extension reads one JSON object and ignores what follows;
 * Microsoft's emulator strips the separator), and a completion is written with it, as the Functions extension writes
 * it with {@code JsonHubProtocol.GetMessageBytes}: a client that gets no separator never sees its completion.
 */
final class JsonUpstreamProtocol implements UpstreamProtocol {

	static final byte RECORD_SEPARATOR = 0x1E;

	private static final int COMPLETION = 3;

	private final JsonMapper json;

	JsonUpstreamProtocol(JsonMapper json) {
		this.json = json;
	}

	@Override
	public String contentType() {
		return "application/json";
	}

	@Override
	public Message read(byte[] body) {
		JsonNode message;
		try {
			message = this.json.readTree(withoutSeparator(body));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not a JSON hub protocol message", ex);
		}
		if (message == null || !message.isObject()) {
			throw new IllegalArgumentException("Not a JSON object");
		}
		JsonNode type = message.get("type");
		JsonNode id = message.get("invocationId");
		JsonNode target = message.get("target");
		JsonNode arguments = message.get("arguments");
		List<JsonNode> values = new ArrayList<>();
		if (arguments != null && arguments.isArray()) {
			arguments.forEach(values::add);
		}
		return new Message((type != null && type.isIntegralNumber()) ? type.asInt() : -1,
				(id != null && id.isString()) ? id.stringValue() : null,
				(target != null && target.isString()) ? target.stringValue() : null, values);
	}

	@Override
	public byte[] completion(String invocationId, JsonNode result, String error) {
		Map<String, Object> completion = new LinkedHashMap<>();
		completion.put("type", COMPLETION);
		completion.put("invocationId", invocationId);
		if (error != null) {
			completion.put("error", error);
		}
		else if (result != null) {
			completion.put("result", result);
		}
		byte[] record = this.json.writeValueAsBytes(completion);
		byte[] framed = Arrays.copyOf(record, record.length + 1);
		framed[record.length] = RECORD_SEPARATOR;
		return framed;
	}

	/**
	 * The body less one trailing record separator: one record, never two.
	 */
	static byte[] withoutSeparator(byte[] body) {
		int end = body.length;
		while (end > 0 && isWhitespace(body[end - 1])) {
			end--;
		}
		if (end > 0 && body[end - 1] == RECORD_SEPARATOR) {
			end--;
		}
		return (end == body.length) ? body : Arrays.copyOf(body, end);
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\r' || b == '\n';
	}

}
