package io.github.springsignalr.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An invocation a server sends to clients, as the .NET SDK's {@code DefaultHubMessageSerializer} writes it: one whole
 * framed message per hub protocol, {@code json} ({@code {"type":1,"target":…,"arguments":[…]}} and {@code 0x1E})
 * and {@code messagepack} ({@code [1, {}, nil, target, arguments, []]} after its VarInt length); the service gives
 * each client the one of its protocol.
 */
final class InvocationPayloads {

	private InvocationPayloads() {
	}

	static Map<String, byte[]> of(JsonMapper json, String target, Object[] arguments) {
		ArrayNode args = json.valueToTree((arguments != null) ? arguments : new Object[0]);
		ObjectNode message = json.createObjectNode();
		message.put("type", 1);
		message.put("target", target);
		message.set("arguments", args);
		Map<String, byte[]> payloads = new LinkedHashMap<>();
		payloads.put("json", (json.writeValueAsString(message) + "\u001e").getBytes(StandardCharsets.UTF_8));
		payloads.put("messagepack", messagePack(target, args));
		return payloads;
	}

	private static byte[] messagePack(String target, ArrayNode arguments) {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			packer.packArrayHeader(6).packInt(1).packMapHeader(0).packNil().packString(target);
			pack(packer, arguments);
			packer.packArrayHeader(0);
			return framed(packer.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void pack(MessageBufferPacker packer, JsonNode node) throws IOException {
		if (node == null || node.isNull() || node.isMissingNode()) {
			packer.packNil();
		}
		else if (node.isBoolean()) {
			packer.packBoolean(node.booleanValue());
		}
		else if (node.isIntegralNumber() && node.canConvertToLong()) {
			packer.packLong(node.longValue());
		}
		else if (node.isNumber()) {
			packer.packDouble(node.doubleValue());
		}
		else if (node.isString()) {
			packer.packString(node.stringValue());
		}
		else if (node.isBinary()) {
			byte[] bytes = node.binaryValue();
			packer.packBinaryHeader(bytes.length).writePayload(bytes);
		}
		else if (node.isArray()) {
			packer.packArrayHeader(node.size());
			for (JsonNode item : node) {
				pack(packer, item);
			}
		}
		else {
			packer.packMapHeader(node.size());
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				packer.packString(field.getKey());
				pack(packer, field.getValue());
			}
		}
	}

	static byte[] framed(byte[] body) {
		byte[] framed = new byte[body.length + 5];
		int offset = 0;
		int length = body.length;
		do {
			int b = length & 0x7f;
			length >>>= 7;
			framed[offset++] = (byte) ((length != 0) ? (b | 0x80) : b);
		}
		while (length != 0);
		System.arraycopy(body, 0, framed, offset, body.length);
		return Arrays.copyOf(framed, offset + body.length);
	}

}
