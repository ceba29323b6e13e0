package io.github.springsignalr.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one flat JSON object of string, string-array and number members straight into UTF-8 bytes: the header and
 * claims of a token. It exists because a token is issued per negotiation and per REST call, and a general JSON library
 * (nimbus's included) builds maps and strings that cost more than the HMAC that follows; the objects here are small
 * and of a fixed shape, so a writer of a few lines, with RFC 8259 string escaping, is all they need.
 * <p>
 * Not thread-safe: one writer per token.
 */
final class JsonObjectWriter {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	/** The tens and ones digits of 0 to 99. */
	private static final byte[] TENS = new byte[100];

	private static final byte[] ONES = new byte[100];

	static {
		for (int i = 0; i < 100; i++) {
			TENS[i] = (byte) ('0' + i / 10);
			ONES[i] = (byte) ('0' + i % 10);
		}
	}

	private byte[] bytes;

	private int length;

	JsonObjectWriter(int capacity) {
		this.bytes = new byte[Math.max(capacity, 16)];
		this.bytes[0] = '{';
		this.length = 1;
	}

	JsonObjectWriter string(String name, String value) {
		name(name);
		beginString();
		append(value);
		endString();
		return this;
	}

	/**
	 * A string for one value, an array of strings for several: how the .NET SDK writes a claim it was given once or
	 * several times, and so what the service reads.
	 */
	JsonObjectWriter strings(String name, List<String> values) {
		if (values.size() == 1) {
			return string(name, values.get(0));
		}
		name(name);
		ensure(1);
		this.bytes[this.length++] = '[';
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				ensure(1);
				this.bytes[this.length++] = ',';
			}
			beginString();
			append(values.get(i));
			endString();
		}
		ensure(1);
		this.bytes[this.length++] = ']';
		return this;
	}

	JsonObjectWriter number(String name, long value) {
		name(name);
		return value(value);
	}

	private JsonObjectWriter value(long value) {
		if (value < 0 || value > Integer.MAX_VALUE) {
			appendAscii(Long.toString(value));
			return this;
		}
		// Epoch seconds fit an int until 2038: int division by a constant is a cheap multiplication, and two digits
		// per step halve the steps.
		int rest = (int) value;
		int digits = digits(rest);
		ensure(digits);
		int at = this.length + digits;
		while (rest >= 100) {
			int pair = rest % 100;
			rest /= 100;
			this.bytes[--at] = ONES[pair];
			this.bytes[--at] = TENS[pair];
		}
		this.bytes[--at] = ONES[rest];
		if (rest >= 10) {
			this.bytes[--at] = TENS[rest];
		}
		this.length += digits;
		return this;
	}

	private static int digits(int value) {
		int digits = 1;
		for (int limit = 10; digits < 10 && value >= limit; limit *= 10) {
			digits++;
		}
		return digits;
	}

	/**
	 * Starts a member whose string value is then written in parts with {@link #append(String)} and closed with
	 * {@link #endString()}: an audience is written from the endpoint's parts without joining them into a string first.
	 */
	JsonObjectWriter name(String name) {
		ensure(1);
		if (this.length > 1) {
			this.bytes[this.length++] = ',';
		}
		beginString();
		append(name);
		endString();
		ensure(1);
		this.bytes[this.length++] = ':';
		return this;
	}

	/**
	 * Starts a member by a name prepared with {@link #encodeName(String)}: the fixed names of every token are copied,
	 * not escaped and encoded each time.
	 */
	JsonObjectWriter name(byte[] encodedName) {
		ensure(1 + encodedName.length);
		if (this.length > 1) {
			this.bytes[this.length++] = ',';
		}
		System.arraycopy(encodedName, 0, this.bytes, this.length, encodedName.length);
		this.length += encodedName.length;
		return this;
	}

	/**
	 * A member name as {@link #name(byte[])} takes it: quoted, escaped, UTF-8, with its colon.
	 */
	static byte[] encodeName(String name) {
		JsonObjectWriter writer = new JsonObjectWriter(name.length() + 8).name(name);
		return Arrays.copyOfRange(writer.bytes, 1, writer.length);
	}

	JsonObjectWriter string(byte[] encodedName, String value) {
		name(encodedName);
		beginString();
		append(value);
		endString();
		return this;
	}

	JsonObjectWriter number(byte[] encodedName, long value) {
		name(encodedName);
		return value(value);
	}

	JsonObjectWriter beginString() {
		ensure(1);
		this.bytes[this.length++] = '"';
		return this;
	}

	JsonObjectWriter endString() {
		ensure(1);
		this.bytes[this.length++] = '"';
		return this;
	}

	/**
	 * Appends text inside a string, escaped and encoded as UTF-8.
	 */
	JsonObjectWriter append(String text) {
		int count = text.length();
		// A character takes at most 6 bytes (an escaped control or lone surrogate), a surrogate pair 4.
		ensure(count * 6);
		byte[] out = this.bytes;
		int at = this.length;
		// Claims are nearly always printable ASCII: copy that in a tight loop, fall to the general one at the first
		// character that is not.
		int i = 0;
		for (; i < count; i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
				break;
			}
			out[at++] = (byte) c;
		}
		for (; i < count; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				if (c >= 0x20 && c != '"' && c != '\\') {
					out[at++] = (byte) c;
				}
				else {
					at = escape(c, out, at);
				}
			}
			else if (c < 0x800) {
				out[at++] = (byte) (0xC0 | (c >> 6));
				out[at++] = (byte) (0x80 | (c & 0x3F));
			}
			else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(text.charAt(i + 1))) {
				int codePoint = Character.toCodePoint(c, text.charAt(++i));
				out[at++] = (byte) (0xF0 | (codePoint >> 18));
				out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
				out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
				out[at++] = (byte) (0x80 | (codePoint & 0x3F));
			}
			else if (Character.isSurrogate(c)) {
				// A lone surrogate has no UTF-8 form; escaped, it survives as the same char in any JSON reader.
				at = unicodeEscape(c, out, at);
			}
			else {
				out[at++] = (byte) (0xE0 | (c >> 12));
				out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				out[at++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		this.length = at;
		return this;
	}

	/**
	 * Appends text inside a string, ASCII lower-cased: a hub name, already checked to be ASCII letters, digits and a
	 * few symbols, none of which needs escaping.
	 */
	JsonObjectWriter appendLowerCaseAscii(String text) {
		int count = text.length();
		ensure(count);
		for (int i = 0; i < count; i++) {
			char c = text.charAt(i);
			this.bytes[this.length++] = (byte) ((c >= 'A' && c <= 'Z') ? (c + ('a' - 'A')) : c);
		}
		return this;
	}

	/**
	 * Appends text inside a string as it is: for text known to be printable ASCII with no quote or backslash, such as
	 * a URI's scheme and host (which {@link java.net.URI} keeps ASCII) and fixed paths. A copy, not a loop.
	 */
	@SuppressWarnings("deprecation") // the one String method that copies Latin-1 bytes into an array without a loop
	JsonObjectWriter appendPlainAscii(String text) {
		int count = text.length();
		ensure(count);
		text.getBytes(0, count, this.bytes, this.length);
		this.length += count;
		return this;
	}

	/**
	 * Closes the object.
	 * @return the bytes, valid up to {@link #length()}
	 */
	byte[] finish() {
		ensure(1);
		this.bytes[this.length++] = '}';
		return this.bytes;
	}

	int length() {
		return this.length;
	}

	private void appendAscii(String text) {
		ensure(text.length());
		for (int i = 0; i < text.length(); i++) {
			this.bytes[this.length++] = (byte) text.charAt(i);
		}
	}

	private static int escape(char c, byte[] out, int at) {
		out[at++] = '\\';
		switch (c) {
			case '"' -> out[at++] = '"';
			case '\\' -> out[at++] = '\\';
			case '\b' -> out[at++] = 'b';
			case '\f' -> out[at++] = 'f';
			case '\n' -> out[at++] = 'n';
			case '\r' -> out[at++] = 'r';
			case '\t' -> out[at++] = 't';
			default -> {
				return unicodeEscape(c, out, at - 1);
			}
		}
		return at;
	}

	private static int unicodeEscape(char c, byte[] out, int at) {
		out[at++] = '\\';
		out[at++] = 'u';
		out[at++] = HEX[(c >> 12) & 0xF];
		out[at++] = HEX[(c >> 8) & 0xF];
		out[at++] = HEX[(c >> 4) & 0xF];
		out[at++] = HEX[c & 0xF];
		return at;
	}

	private void ensure(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

}
