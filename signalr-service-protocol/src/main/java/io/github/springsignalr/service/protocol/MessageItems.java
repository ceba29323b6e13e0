package io.github.springsignalr.service.protocol;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The items of one message's array, read in order with the SDK's rules: a string may be nil, a byte array may be nil
 * (read as empty), lists and maps may not. A failure names the message type and the item, never a value.
 */
final class MessageItems {

	private final MessageUnpacker in;

	private final int type;

	private final int count;

	private final int length;

	MessageItems(MessageUnpacker in, int type, int count, int length) {
		this.in = in;
		this.type = type;
		this.count = count;
		this.length = length;
	}

	/**
	 * How many items the array has, the type number included: older layouts are shorter.
	 */
	int count() {
		return this.count;
	}

	void requireAtLeast(int items) {
		if (this.count < items) {
			throw new ServiceProtocolException(
					"Message type " + this.type + " has " + this.count + " items, at least " + items + " expected");
		}
	}

	String string(String item) {
		String value = nullableString(item);
		if (value == null) {
			throw failure(item, "is nil, a string expected", null);
		}
		return value;
	}

	@Nullable String nullableString(String item) {
		try {
			return this.in.tryUnpackNil() ? null : this.in.unpackString();
		}
		catch (IOException | MessagePackException ex) {
			throw failure(item, "is not a string", ex);
		}
	}

	int int32(String item) {
		try {
			return this.in.unpackInt();
		}
		catch (IOException | MessagePackException ex) {
			throw failure(item, "is not a 32-bit integer", ex);
		}
	}

	boolean bool(String item) {
		try {
			return this.in.unpackBoolean();
		}
		catch (IOException | MessagePackException ex) {
			throw failure(item, "is not a boolean", ex);
		}
	}

	/**
	 * A .NET {@code ulong} into a {@code long} with the same 64 bits.
	 */
	long unsigned64(String item) {
		try {
			if (this.in.getNextFormat() == MessageFormat.UINT64) {
				return this.in.unpackBigInteger().longValue();
			}
			long value = this.in.unpackLong();
			if (value < 0) {
				throw failure(item, "is negative, an unsigned integer expected", null);
			}
			return value;
		}
		catch (IOException | MessagePackException ex) {
			throw failure(item, "is not an unsigned 64-bit integer", ex);
		}
	}

	byte[] bytes(String item) {
		try {
			if (this.in.tryUnpackNil()) {
				return new byte[0];
			}
			int size = this.in.unpackBinaryHeader();
			// The header's size is the sender's word: never allocate more than the message holds.
			if (size > this.length - this.in.getTotalReadBytes()) {
				throw failure(item, "is longer than the message", null);
			}
			return this.in.readPayload(size);
		}
		catch (IOException | MessagePackException ex) {
			throw failure(item, "is not a byte array", ex);
		}
	}

	byte @Nullable [] nullableBytes(String item) {
		try {
			if (this.in.tryUnpackNil()) {
				return null;
			}
		}
		catch (IOException | MessagePackException ex) {
			throw failure(item, "is not a byte array", ex);
		}
		return bytes(item);
	}

	List<String> strings(String item) {
		int size = arrayHeader(item);
		List<String> values = new ArrayList<>(Math.min(size, 64));
		for (int i = 0; i < size; i++) {
			values.add(string(item + "[" + i + "]"));
		}
		return values;
	}

	List<OpenConnectionMessage.Claim> claims(String item) {
		int size = mapHeader(item);
		List<OpenConnectionMessage.Claim> claims = new ArrayList<>(Math.min(size, 64));
		for (int i = 0; i < size; i++) {
			claims.add(new OpenConnectionMessage.Claim(string(item + "[" + i + "].type"),
					string(item + "[" + i + "].value")));
		}
		return claims;
	}

	Map<String, List<String>> headers(String item) {
		int size = mapHeader(item);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 0; i < size; i++) {
			String name = string(item + "[" + i + "].key");
			List<String> values = strings(item + "[" + name + "]");
			if (ProtocolValues.lookup(headers, name) != null) {
				throw failure(item, "has two entries for one name", null);
			}
			headers.put(name, values);
		}
		return headers;
	}

	Map<String, byte[]> payloads(String item) {
		int size = mapHeader(item);
		Map<String, byte[]> payloads = new LinkedHashMap<>();
		for (int i = 0; i < size; i++) {
			@Nullable String protocol = string(item + "[" + i + "].key");
			byte[] payload = bytes(item + "[" + protocol + "]");
			// The SDK's ArrayDictionary keeps duplicates and its lookup finds the first: keep the first.
			if (ProtocolValues.lookup(payloads, protocol) == null) {
				payloads.put(protocol, payload);
			}
		}
		return payloads;
	}

	/**
	 * The extension map, reading the keys in {@code supported} (a bit per key) and skipping every other key's value,
	 * whatever its type. The SDK does not skip the value of a key it does not read, which would misread the rest of
	 * the map; skipping is what it means to do.
	 */
	Extensions extensions(int supported) {
		int size = mapHeader("ext");
		Extensions ext = new Extensions();
		try {
			for (int i = 0; i < size; i++) {
				Integer key = (this.in.getNextFormat().getValueType() == ValueType.INTEGER) ? intKey() : null;
				if (key == null) {
					this.in.skipValue();
					this.in.skipValue();
				}
				else if (key > 0 && key < 32 && (supported & (1 << key)) != 0) {
					readExtension(ext, key);
				}
				else {
					this.in.skipValue();
				}
			}
		}
		catch (IOException | MessagePackException ex) {
			throw failure("ext", "is not a valid extension map", ex);
		}
		return ext;
	}

	private Integer intKey() throws IOException {
		BigInteger key = this.in.unpackBigInteger();
		return (key.bitLength() < 32) ? key.intValue() : -1;
	}

	private void readExtension(Extensions ext, int key) {
		switch (key) {
			case Extensions.TRACING_ID -> ext.tracingId = unsigned64("ext[1] (tracing id)");
			case Extensions.TTL -> ext.ttl = int32("ext[2] (ttl)");
			case Extensions.PROTOCOL -> ext.protocol = nullableString("ext[3] (protocol)");
			case Extensions.FILTER -> ext.filter = nullableString("ext[4] (filter)");
			case Extensions.DATA_MESSAGE_TYPE -> ext.dataMessageType = int32("ext[5] (data message type)");
			case Extensions.IS_PARTIAL -> ext.partial = bool("ext[6] (is partial)");
			default -> throw new IllegalStateException("unreachable: key " + key + " has no reader");
		}
	}

	private int arrayHeader(String item) {
		try {
			return this.in.unpackArrayHeader();
		}
		catch (IOException | MessagePackException ex) {
			throw failure(item, "is not an array", ex);
		}
	}

	private int mapHeader(String item) {
		try {
			return this.in.unpackMapHeader();
		}
		catch (IOException | MessagePackException ex) {
			throw failure(item, "is not a map", ex);
		}
	}

	private ServiceProtocolException failure(String item, String problem, @Nullable Exception cause) {
		return new ServiceProtocolException("Message type " + this.type + ": '" + item + "' " + problem, cause);
	}

	/**
	 * The extension members read; unused ones stay at their defaults.
	 */
	static final class Extensions {

		static final int TRACING_ID = 1;

		static final int TTL = 2;

		static final int PROTOCOL = 3;

		static final int FILTER = 4;

		static final int DATA_MESSAGE_TYPE = 5;

		static final int IS_PARTIAL = 6;

		@Nullable Long tracingId;

		@Nullable Integer ttl;

		@Nullable String protocol;

		@Nullable String filter;

		int dataMessageType;

		boolean partial;

		static int keys(int... keys) {
			int mask = 0;
			for (int key : keys) {
				mask |= 1 << key;
			}
			return mask;
		}

	}

}
