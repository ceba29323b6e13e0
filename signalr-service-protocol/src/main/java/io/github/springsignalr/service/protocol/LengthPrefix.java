package io.github.springsignalr.service.protocol;

import java.nio.ByteBuffer;

/**
 * The VarInt length before each message, as the SDK's {@code BinaryMessageFormatter} and {@code BinaryMessageParser}
 * write and read it: seven bits a byte, least significant group first, a set high bit meaning "more bytes follow";
 * at most five bytes, so a message is at most {@code 2^31 - 1} bytes (2 GB).
 */
final class LengthPrefix {

	static final int MAX_SIZE = 5;

	/**
	 * Returned by {@link #read} when the input ends inside the prefix.
	 */
	static final long INCOMPLETE = -1;

	private LengthPrefix() {
	}

	static int size(int length) {
		int size = 1;
		for (int rest = length >>> 7; rest > 0; rest >>>= 7) {
			size++;
		}
		return size;
	}

	/**
	 * Writes the prefix of {@code length} at {@code offset} and returns the number of bytes written.
	 */
	static int write(int length, byte[] target, int offset) {
		if (length < 0) {
			throw new IllegalArgumentException("A length is never negative");
		}
		int index = offset;
		int rest = length;
		do {
			int group = rest & 0x7f;
			rest >>>= 7;
			target[index++] = (byte) ((rest > 0) ? (group | 0x80) : group);
		}
		while (rest > 0);
		return index - offset;
	}

	/**
	 * Reads the prefix at the buffer's position without moving it. Returns {@link #INCOMPLETE} when the buffer ends
	 * inside the prefix, else the length in the low 32 bits and the prefix's size in the high ones. Like the SDK, a
	 * longer than needed prefix ({@code 80 00} for 0) is accepted; a sixth byte or a value over {@code 2^31 - 1} is
	 * refused.
	 */
	static long read(ByteBuffer input) {
		int start = input.position();
		int available = input.remaining();
		int length = 0;
		for (int size = 0; size < MAX_SIZE; size++) {
			if (size == available) {
				return INCOMPLETE;
			}
			int current = input.get(start + size) & 0xff;
			if (size == MAX_SIZE - 1 && current > 0x07) {
				throw new ServiceProtocolException("Message length prefix is over 2 GB or longer than 5 bytes");
			}
			length |= (current & 0x7f) << (7 * size);
			if ((current & 0x80) == 0) {
				return ((long) (size + 1) << 32) | length;
			}
		}
		throw new IllegalStateException("unreachable: the fifth byte has no continuation bit");
	}

}
