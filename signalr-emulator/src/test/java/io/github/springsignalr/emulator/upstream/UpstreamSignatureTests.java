package io.github.springsignalr.emulator.upstream;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UpstreamSignature} against vectors computed elsewhere (Python's {@code hmac}), one key being the one
 * Microsoft's emulator hard-codes.
 */
class UpstreamSignatureTests {

	private static final String MICROSOFT_EMULATOR_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

	@Test
	void signatureIsUpperCaseHexOfHmacSha256OfConnectionId() {
		assertThat(UpstreamSignature.header("connection-1", List.of(MICROSOFT_EMULATOR_KEY)))
			.isEqualTo("sha256=7123AAFB37969ED524F0715A7100486CD7C1CDF65CE5341B759ED582CC0E596D");
	}

	@Test
	void oneSignaturePerKeyInOrderCommaSeparatedWithoutSpacesOverUtf8() {
		assertThat(UpstreamSignature.header("ü-conn", List.of(MICROSOFT_EMULATOR_KEY, "clé-secondaire-ü-0123456789abcdef")))
			.isEqualTo("sha256=FE5FD8EAB1216A343004EBEE7666245F0CF4232EF5A1C52459804EA647A02369,sha256=47E20E074D67CD9074524B4438282BB10C29FDE3CF8C93E506BD6BBCB806EA8B");
	}

}
