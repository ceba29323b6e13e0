package io.github.springsignalr.token;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonObjectWriter}, read back with nimbus's JSON parser.
 */
class JsonObjectWriterTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "plain", "say \"hi\"", "back\\slash", "a/b", "tab\tnew\nline\rret", "\b\f",
			"\u0000\u0001\u001f\u007f", "Zoë", "Ñandú", "用户", "\uD83D\uDE00 smile", "\u2028\u2029", "\uFFFF",
			"lone \uD800 high", "lone \uDC00 low", "end \uD83D" })
	void stringsRoundTrip(String value) throws ParseException {
		assertThat(read(new JsonObjectWriter(4).string("v", value)).get("v")).isEqualTo(value);
	}

	@Test
	void controlCharactersAreEscapedShortWhereJsonHasAShortForm() {
		assertThat(text(new JsonObjectWriter(16).string("v", "\"\\\b\f\n\r\t\u0001")))
			.isEqualTo("{\"v\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\"}");
	}

	@Test
	void nonAsciiIsUtf8NotEscaped() {
		assertThat(text(new JsonObjectWriter(16).string("v", "é用\uD83D\uDE00"))).isEqualTo("{\"v\":\"é用\uD83D\uDE00\"}");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 7, 10, 99, 100, 101, 999, 1000, 123456789, 999999999, 1000000000, 1795428000L,
			Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, -1, Long.MIN_VALUE })
	void numbersRoundTrip(long value) throws ParseException {
		Object read = read(new JsonObjectWriter(4).number("n", value)).get("n");
		assertThat(((Number) read).longValue()).isEqualTo(value);
		assertThat(text(new JsonObjectWriter(4).number("n", value))).isEqualTo("{\"n\":" + value + "}");
	}

	@Test
	void oneValueIsAStringAndSeveralAnArray() throws ParseException {
		Map<String, Object> json = read(new JsonObjectWriter(4).strings("one", List.of("a"))
			.strings("many", List.of("a", "b\"", "c")));
		assertThat(json.get("one")).isEqualTo("a");
		assertThat(json.get("many")).isEqualTo(List.of("a", "b\"", "c"));
	}

	@Test
	void stringInPartsAndLowerCasedHub() {
		JsonObjectWriter writer = new JsonObjectWriter(4).name("aud")
			.beginString()
			.appendPlainAscii("https")
			.append("://")
			.appendPlainAscii("demo.service.signalr.net")
			.appendPlainAscii("/client/?hub=")
			.appendLowerCaseAscii("Chat_Room.[1]`,")
			.endString();
		assertThat(text(writer)).isEqualTo("{\"aud\":\"https://demo.service.signalr.net/client/?hub=chat_room.[1]`,\"}");
	}

	@Test
	void emptyObject() {
		assertThat(text(new JsonObjectWriter(0))).isEqualTo("{}");
	}

	@Test
	void growsPastItsCapacity() throws ParseException {
		JsonObjectWriter writer = new JsonObjectWriter(1);
		for (int i = 0; i < 100; i++) {
			writer.string("k" + i, "v".repeat(i)).number("n" + i, i);
		}
		Map<String, Object> json = read(writer);
		assertThat(json).hasSize(200);
		assertThat(json.get("k99")).isEqualTo("v".repeat(99));
	}

	private static Map<String, Object> read(JsonObjectWriter writer) throws ParseException {
		return JSONObjectUtils.parse(text(writer));
	}

	private static String text(JsonObjectWriter writer) {
		byte[] bytes = writer.finish();
		return new String(bytes, 0, writer.length(), StandardCharsets.UTF_8);
	}

}
