package io.github.springsignalr.upstream;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.ExtensionValue;
import org.msgpack.value.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MessagePack hub protocol (ASP.NET Core's {@code HubProtocol.md}): a message is a MessagePack array, framed on
 * the client's transport by its length as a VarInt. Values are turned into Jackson trees, so arguments bind to the
 * parameters' types with the same mapper as JSON ones, and results are written from trees.
 * <p>
 * The service's invocation body is read without the length prefix, as the Functions extension's
 * {@code MessagePackServerlessProtocol} reads it (its first read is the array header) and as Microsoft's emulator
 * sends it (it strips the prefix with {@code BinaryMessageParser}); a body with the prefix is read too. The completion
 * is written with the prefix, as {@code MessagePackHubProtocol.GetMessageBytes} writes it, since the service relays
 * it to the client as it is. Only loaded when {@code org.msgpack:msgpack-core} is on the class path.
 */
final class MessagePackUpstreamProtocol implements UpstreamProtocol {

	/** The MessagePack timestamp extension, how the JavaScript client's encoder writes a {@code Date}. */
	private static final byte TIMESTAMP = -1;

	private static final int COMPLETION = 3;

	private static final int ERROR_RESULT = 1;

	private static final int VOID_RESULT = 2;

	private static final int NON_VOID_RESULT = 3;

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	@Override
	public String contentType() {
		return "application/x-msgpack";
	}

	@Override
	public Message read(byte[] body) {
		try {
			return message(body);
		}
		catch (MessagePackException ex) {
			throw new IllegalArgumentException("Not a MessagePack hub protocol message", ex);
		}
	}

	private static Message message(byte[] body) {
		ArrayValue message = unframed(body);
		if (message == null) {
			message = prefixed(body);
		}
		if (message == null || message.size() < 1 || !message.get(0).isIntegerValue()) {
			throw new IllegalArgumentException("Not a MessagePack hub protocol message");
		}
		int type = message.get(0).asIntegerValue().toInt();
		// [1, headers, invocationId, target, arguments, streamIds?]
		if (message.size() < 5) {
			return new Message(type, null, null, List.of());
		}
		Value id = message.get(2);
		Value target = message.get(3);
		Value arguments = message.get(4);
		List<JsonNode> values = new ArrayList<>();
		if (arguments.isArrayValue()) {
			arguments.asArrayValue().forEach((argument) -> values.add(tree(argument)));
		}
		return new Message(type, id.isStringValue() ? id.asStringValue().asString() : null,
				target.isStringValue() ? target.asStringValue().asString() : null, values);
	}

	@Override
	public byte[] completion(String invocationId, JsonNode result, String error) {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			// [3, headers, invocationId, resultKind, result?]
			packer.packArrayHeader((error != null || result != null) ? 5 : 4);
			packer.packInt(COMPLETION);
			packer.packMapHeader(0);
			packer.packString(invocationId);
			if (error != null) {
				packer.packInt(ERROR_RESULT);
				packer.packString(error);
			}
			else if (result != null) {
				packer.packInt(NON_VOID_RESULT);
				pack(packer, result);
			}
			else {
				packer.packInt(VOID_RESULT);
			}
			return framed(packer.toByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException("A completion could not be written", ex);
		}
	}

	/**
	 * The body as one array that fills it, or {@code null}.
	 */
	private static @Nullable ArrayValue unframed(byte[] body) {
		return readWhole(body, 0);
	}

	/**
	 * The body as a VarInt length and one array of that length, or {@code null}.
	 */
	private static @Nullable ArrayValue prefixed(byte[] body) {
		long length = 0;
		int offset = 0;
		for (int shift = 0; offset < body.length && shift <= 28; shift += 7) {
			int b = body[offset++] & 0xFF;
			length |= (long) (b & 0x7F) << shift;
			if ((b & 0x80) == 0) {
				return (length == body.length - offset) ? readWhole(body, offset) : null;
			}
		}
		return null;
	}

	private static @Nullable ArrayValue readWhole(byte[] body, int offset) {
		try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(body, offset, body.length - offset)) {
			if (!unpacker.hasNext()) {
				return null;
			}
			Value value = unpacker.unpackValue();
			return (value.isArrayValue() && !unpacker.hasNext()) ? value.asArrayValue() : null;
		}
		catch (IOException | MessagePackException ex) {
			return null;
		}
	}

	static byte[] framed(byte[] message) {
		byte[] prefix = new byte[5];
		int length = message.length;
		int size = 0;
		do {
			int b = length & 0x7F;
			length >>>= 7;
			prefix[size++] = (byte) ((length != 0) ? (b | 0x80) : b);
		}
		while (length != 0);
		byte[] framed = new byte[size + message.length];
		System.arraycopy(prefix, 0, framed, 0, size);
		System.arraycopy(message, 0, framed, size, message.length);
		return framed;
	}

	private static JsonNode tree(Value value) {
		switch (value.getValueType()) {
			case NIL:
				return nodes.nullNode();
			case BOOLEAN:
				return nodes.booleanNode(value.asBooleanValue().getBoolean());
			case INTEGER:
				return value.asIntegerValue().isInLongRange() ? nodes.numberNode(value.asIntegerValue().toLong())
						: nodes.numberNode(value.asIntegerValue().toBigInteger());
			case FLOAT:
				return nodes.numberNode(value.asFloatValue().toDouble());
			case STRING:
				return nodes.stringNode(value.asStringValue().toString());
			case BINARY:
				return nodes.binaryNode(value.asBinaryValue().asByteArray());
			case ARRAY:
				ArrayNode array = nodes.arrayNode();
				value.asArrayValue().forEach((item) -> array.add(tree(item)));
				return array;
			case MAP:
				ObjectNode object = nodes.objectNode();
				for (Map.Entry<Value, Value> entry : value.asMapValue().entrySet()) {
					Value key = entry.getKey();
					object.set(key.isStringValue() ? key.asStringValue().toString() : key.toJson(),
							tree(entry.getValue()));
				}
				return object;
			default:
				ExtensionValue extension = value.asExtensionValue();
				if (extension.getType() == TIMESTAMP && value.isTimestampValue()) {
					Instant instant = value.asTimestampValue().toInstant();
					return nodes.stringNode(instant.toString());
				}
				return nodes.binaryNode(extension.getData());
		}
	}

	private static void pack(MessageBufferPacker packer, JsonNode node) throws IOException {
		switch (node.getNodeType()) {
			case NULL, MISSING -> packer.packNil();
			case BOOLEAN -> packer.packBoolean(node.booleanValue());
			case NUMBER -> {
				if (node.isIntegralNumber()) {
					if (node.canConvertToLong()) {
						packer.packLong(node.longValue());
					}
					else {
						packer.packBigInteger(node.bigIntegerValue());
					}
				}
				else {
					packer.packDouble(node.doubleValue());
				}
			}
			case STRING -> packer.packString(node.stringValue());
			case BINARY -> {
				byte[] data = node.binaryValue();
				packer.packBinaryHeader(data.length);
				packer.writePayload(data);
			}
			case ARRAY -> {
				packer.packArrayHeader(node.size());
				for (JsonNode item : node) {
					pack(packer, item);
				}
			}
			case OBJECT -> {
				packer.packMapHeader(node.size());
				for (Map.Entry<String, JsonNode> property : node.properties()) {
					packer.packString(property.getKey());
					pack(packer, property.getValue());
				}
			}
			default -> packer.packString(node.asString());
		}
	}

}
