package io.github.springsignalr.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub protocol's framing as far as default mode needs it: JSON records end with {@code 0x1E}; MessagePack
 * messages are prefixed with their length as a VarInt (HubProtocol.md). A client's bytes arrive cut anywhere, so what
 * does not yet form a whole message is kept for the next bytes.
 */
final class HubFrames {

	static final byte RECORD_SEPARATOR = 0x1e;

	static final int INVOCATION = 1;

	static final int STREAM_INVOCATION = 4;

	static final int PING = 6;

	static final int CLOSE = 7;

	private static final byte[] JSON_PING = "{\"type\":6}\u001e".getBytes(StandardCharsets.UTF_8);

	private static final byte[] MESSAGEPACK_PING = { 0x02, (byte) 0x91, 0x06 };

	private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

	private HubFrames() {
	}

	static HubFrames create() {
		return new HubFrames();
	}

	/**
	 * The whole messages of the bytes received so far, each framed as it came (a JSON record with its separator, a
	 * MessagePack message with its length).
	 */
	List<byte[]> json(byte[] data) {
		this.pending.writeBytes(data);
		byte[] all = this.pending.toByteArray();
		List<byte[]> messages = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < all.length; i++) {
			if (all[i] == RECORD_SEPARATOR) {
				messages.add(Arrays.copyOfRange(all, start, i + 1));
				start = i + 1;
			}
		}
		keep(all, start);
		return messages;
	}

	List<byte[]> messagePack(byte[] data) {
		this.pending.writeBytes(data);
		byte[] all = this.pending.toByteArray();
		List<byte[]> messages = new ArrayList<>();
		int start = 0;
		while (start < all.length) {
			long length = 0;
			int shift = 0;
			int position = start;
			boolean complete = false;
			while (position < all.length && shift <= 28) {
				int b = all[position++] & 0xff;
				length |= (long) (b & 0x7f) << shift;
				shift += 7;
				if ((b & 0x80) == 0) {
					complete = true;
					break;
				}
			}
			if (!complete) {
				if (shift > 28) {
					throw new IllegalArgumentException("A MessagePack message's length is over 5 bytes");
				}
				break;
			}
			if (length > Integer.MAX_VALUE || all.length - position < length) {
				break;
			}
			messages.add(Arrays.copyOfRange(all, start, position + (int) length));
			start = position + (int) length;
		}
		keep(all, start);
		return messages;
	}

	private void keep(byte[] all, int start) {
		this.pending.reset();
		this.pending.write(all, start, all.length - start);
	}

	/**
	 * The type and target of one message; the target only for an invocation.
	 *
	 * @param type the hub message type
	 * @param target the invocation's target, or {@code null}
	 * @param invocationId the invocation's id, or {@code null}
	 */
	record Header(int type, @Nullable String target, @Nullable String invocationId) {

	}

	static Header jsonHeader(byte[] record, JsonMapper json) {
		try {
			JsonNode message = json.readTree(new String(record, 0, record.length - 1, StandardCharsets.UTF_8));
			return new Header(message.path("type").asInt(-1), message.path("target").asString(null),
					message.path("invocationId").asString(null));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not a JSON hub message", ex);
		}
	}

	static Header messagePackHeader(byte[] framed) {
		int offset = 0;
		while ((framed[offset] & 0x80) != 0) {
			offset++;
		}
		offset++;
		try (MessageUnpacker in = MessagePack.newDefaultUnpacker(framed, offset, framed.length - offset)) {
			int items = in.unpackArrayHeader();
			int type = in.unpackInt();
			if ((type != INVOCATION && type != STREAM_INVOCATION) || items < 4) {
				return new Header(type, null, null);
			}
			in.skipValue();
			String invocationId = in.tryUnpackNil() ? null : in.unpackString();
			return new Header(type, in.unpackString(), invocationId);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("Not a MessagePack hub message", ex);
		}
	}

	static byte[] ping(boolean messagePack) {
		return messagePack ? MESSAGEPACK_PING.clone() : JSON_PING.clone();
	}

}
