package io.github.springsignalr.emulator.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.Value;
import tools.jackson.databind.JsonNode;

/**
 * The MessagePack hub protocol (ASP.NET Core's {@code HubProtocol.md}): each message a MessagePack array, preceded by
 * its length as a VarInt (7 bits a byte, low bits first, at most 5 bytes). The emulator builds its messages as JSON
 * records ({@link HubMessages}) and writes them for a MessagePack client with {@link #fromJson}, so a message sent
 * through the REST API reaches clients of either protocol.
 */
public final class MessagePackMessages {

	/** The most a VarInt length prefix takes. */
	private static final int MAX_PREFIX = 5;

	private static final int ERROR_RESULT = 1;

	private static final int VOID_RESULT = 2;

	private static final int NON_VOID_RESULT = 3;

	private MessagePackMessages() {
	}

	/**
	 * The JSON records {@code records} (each ending with the record separator) as MessagePack messages, each with
	 * its length.
	 * @throws IllegalArgumentException for a record of a type the emulator never sends
	 */
	public static byte[] fromJson(String records) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (String record : HubMessages.split(new StringBuilder(), records)) {
			byte[] message = message(HubMessages.parse(record));
			out.writeBytes(framed(message));
		}
		return out.toByteArray();
	}

	/**
	 * {@code message} preceded by its length as a VarInt.
	 */
	public static byte[] framed(byte[] message) {
		byte[] prefix = new byte[MAX_PREFIX];
		int length = message.length;
		int size = 0;
		do {
			int low = length & 0x7F;
			length >>>= 7;
			prefix[size++] = (byte) ((length != 0) ? (low | 0x80) : low);
		}
		while (length != 0);
		byte[] framed = Arrays.copyOf(prefix, size + message.length);
		System.arraycopy(message, 0, framed, size, message.length);
		return framed;
	}

	/**
	 * Takes the complete messages from the start of {@code pending} (bytes received and not yet read), leaving a
	 * trailing partial one there.
	 * @return the messages, without their length prefixes
	 * @throws IllegalArgumentException when a length prefix is longer than 5 bytes or a message longer than
	 * {@code maxSize}
	 */
	public static List<byte[]> split(ByteArrayOutputStream pending, int maxSize) {
		byte[] buffer = pending.toByteArray();
		List<byte[]> messages = new ArrayList<>();
		int start = 0;
		while (start < buffer.length) {
			long length = 0;
			int offset = start;
			boolean complete = false;
			for (int shift = 0; offset < buffer.length; shift += 7) {
				if (offset - start == MAX_PREFIX) {
					throw new IllegalArgumentException("Messages over 2GB in size are not supported.");
				}
				int b = buffer[offset++] & 0xFF;
				length |= (long) (b & 0x7F) << shift;
				if ((b & 0x80) == 0) {
					complete = true;
					break;
				}
			}
			if (!complete || buffer.length - offset < length) {
				break;
			}
			if (length > maxSize) {
				throw new IllegalArgumentException("The message exceeds the maximum message size.");
			}
			messages.add(Arrays.copyOfRange(buffer, offset, offset + (int) length));
			start = offset + (int) length;
		}
		pending.reset();
		pending.write(buffer, start, buffer.length - start);
		return messages;
	}

	/**
	 * Reads one message (without its length) as its array.
	 * @throws IllegalArgumentException when it is not one MessagePack array whose first item is an integer type
	 */
	public static ArrayValue parse(byte[] message) {
		try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(message)) {
			Value value = unpacker.unpackValue();
			if (!value.isArrayValue() || unpacker.hasNext()) {
				throw new IllegalArgumentException("A message is not one MessagePack array");
			}
			ArrayValue array = value.asArrayValue();
			if (array.size() == 0 || !array.get(0).isIntegerValue()) {
				throw new IllegalArgumentException("A message has no message type");
			}
			return array;
		}
		catch (IOException | MessagePackException ex) {
			throw new IllegalArgumentException("A message is not valid MessagePack", ex);
		}
	}

	/**
	 * Item {@code index} of {@code message} as a string, or {@code null} when it is missing or not a string.
	 */
	public static @Nullable String string(ArrayValue message, int index) {
		if (message.size() <= index || !message.get(index).isStringValue()) {
			return null;
		}
		return message.get(index).asStringValue().toString();
	}

	private static byte[] message(JsonNode record) {
		int type = record.path("type").asInt(-1);
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			switch (type) {
				// [1, headers, invocationId, target, arguments, streamIds]
				case HubMessages.INVOCATION -> {
					packer.packArrayHeader(6).packInt(type).packMapHeader(0);
					packNullable(packer, record.path("invocationId").asString(null));
					packer.packString(record.path("target").asString());
					pack(packer, record.path("arguments"));
					packer.packArrayHeader(0);
				}
				// [3, headers, invocationId, resultKind, result?]
				case HubMessages.COMPLETION -> {
					boolean error = record.has("error");
					boolean result = record.has("result");
					packer.packArrayHeader((error || result) ? 5 : 4).packInt(type).packMapHeader(0);
					packer.packString(record.path("invocationId").asString());
					if (error) {
						packer.packInt(ERROR_RESULT).packString(record.path("error").asString());
					}
					else if (result) {
						packer.packInt(NON_VOID_RESULT);
						pack(packer, record.get("result"));
					}
					else {
						packer.packInt(VOID_RESULT);
					}
				}
				// [6]
				case HubMessages.PING -> packer.packArrayHeader(1).packInt(type);
				// [7, error, allowReconnect]
				case HubMessages.CLOSE -> {
					packer.packArrayHeader(3).packInt(type);
					packNullable(packer, record.path("error").asString(null));
					packer.packBoolean(record.path("allowReconnect").asBoolean(false));
				}
				default -> throw new IllegalArgumentException("No MessagePack form for a message of type " + type);
			}
			return packer.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void packNullable(MessageBufferPacker packer, String value) throws IOException {
		if (value != null) {
			packer.packString(value);
		}
		else {
			packer.packNil();
		}
	}

	private static void pack(MessageBufferPacker packer, JsonNode node) throws IOException {
		switch (node.getNodeType()) {
			case NULL, MISSING -> packer.packNil();
			case BOOLEAN -> packer.packBoolean(node.booleanValue());
			case NUMBER -> {
				if (node.isIntegralNumber() && node.canConvertToLong()) {
					packer.packLong(node.longValue());
				}
				else if (node.isIntegralNumber()) {
					packer.packBigInteger(node.bigIntegerValue());
				}
				else {
					packer.packDouble(node.doubleValue());
				}
			}
			case STRING -> packer.packString(node.stringValue());
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
