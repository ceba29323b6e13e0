package io.github.springsignalr.service.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LengthPrefix}, the VarInt before each message.
 */
class LengthPrefixTests {

	@ParameterizedTest
	@CsvSource({ "0, 00", "127, 7f", "128, 8001", "16383, ff7f", "16384, 808001", "2097151, ffff7f",
			"2097152, 80808001", "268435455, ffffff7f", "268435456, 8080808001", "2147483647, ffffffff07" })
	void writesAndReadsTheSmallestPrefix(int length, String hex) {
		byte[] expected = HexFormat.of().parseHex(hex);
		byte[] written = new byte[LengthPrefix.MAX_SIZE];
		assertThat(LengthPrefix.write(length, written, 0)).isEqualTo(expected.length);
		assertThat(Arrays.copyOf(written, expected.length)).isEqualTo(expected);
		assertThat(LengthPrefix.size(length)).isEqualTo(expected.length);
		long read = LengthPrefix.read(ByteBuffer.wrap(expected));
		assertThat((int) read).isEqualTo(length);
		assertThat((int) (read >>> 32)).isEqualTo(expected.length);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "80", "ff", "8080", "ffffff", "ffffffff" })
	void prefixCutShortIsIncomplete(String hex) {
		ByteBuffer input = ByteBuffer.wrap(HexFormat.of().parseHex(hex));
		assertThat(LengthPrefix.read(input)).isEqualTo(LengthPrefix.INCOMPLETE);
		assertThat(input.position()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ffffffff08", "ffffffff0f", "ffffffff7f", "8080808080", "ffffffff8f00" })
	void prefixOverTwoGigabytesOrFiveBytesIsRefused(String hex) {
		assertThatExceptionOfType(ServiceProtocolException.class)
			.isThrownBy(() -> LengthPrefix.read(ByteBuffer.wrap(HexFormat.of().parseHex(hex))))
			.withMessageContaining("over 2 GB");
	}

	@ParameterizedTest
	@CsvSource({ "8000, 0", "ff00, 127", "8080808000, 0" })
	void longerThanNeededPrefixIsReadAsTheSdkReadsIt(String hex, int length) {
		assertThat((int) LengthPrefix.read(ByteBuffer.wrap(HexFormat.of().parseHex(hex)))).isEqualTo(length);
	}

}
