package io.github.springsignalr.upstream;

import java.util.List;
import java.util.Locale;

import io.github.springsignalr.emulator.upstream.UpstreamSignature;
import io.github.springsignalr.endpoint.AccessKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpstreamSignatureValidator}, with headers signed as the emulator signs them.
 */
class UpstreamSignatureValidatorTests {

	private static final String PRIMARY = "cHJpbWFyeS10ZXN0LWtleS1ub3QtYS1yZWFsLXNlY3JldDA=";

	private static final String SECONDARY = "c2Vjb25kYXJ5LXRlc3Qta2V5LW5vdC1hLXJlYWwtc2VjcmV0=";

	private static final String CONNECTION = "Pq3n0dG9rZW4tY29ubmVjdGlvbi1pZA";

	private final UpstreamSignatureValidator validator = new UpstreamSignatureValidator(
			() -> List.of(AccessKey.of(PRIMARY)));

	@Test
	void acceptsTheServicesHeaderWhenAnySignatureMatchesAnyLiveKey() {
		assertThat(this.validator.isValid(CONNECTION, header(PRIMARY, SECONDARY))).isTrue();
		assertThat(this.validator.isValid(CONNECTION, header(SECONDARY, PRIMARY))).isTrue();
		assertThat(this.validator.isValid(CONNECTION, header(PRIMARY))).isTrue();
		UpstreamSignatureValidator twoKeys = new UpstreamSignatureValidator(
				() -> List.of(AccessKey.of(SECONDARY), AccessKey.of(PRIMARY)));
		assertThat(twoKeys.isValid(CONNECTION, header(PRIMARY))).isTrue();
		assertThat(twoKeys.isValid(CONNECTION, header(SECONDARY))).isTrue();
	}

	@Test
	void readsHexInEitherCaseAndToleratesSpacesAfterCommas() {
		String header = header(SECONDARY, PRIMARY);
		assertThat(this.validator.isValid(CONNECTION, header.toLowerCase(Locale.ROOT))).isTrue();
		assertThat(this.validator.isValid(CONNECTION, header.toUpperCase(Locale.ROOT))).isTrue();
		assertThat(this.validator.isValid(CONNECTION, header.replace(",", ", "))).isTrue();
	}

	@Test
	void refusesSignaturesOfOtherKeysOrOtherConnections() {
		assertThat(this.validator.isValid(CONNECTION, header(SECONDARY))).isFalse();
		assertThat(this.validator.isValid("another-connection", header(PRIMARY))).isFalse();
		assertThat(new UpstreamSignatureValidator(List::of).isValid(CONNECTION, header(PRIMARY)))
			.as("no live key").isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "sha256=", "sha256", ",", "sha1=0123456789abcdef0123456789abcdef01234567",
			"sha256=zz00000000000000000000000000000000000000000000000000000000000000",
			"md5=0000000000000000000000000000000000000000000000000000000000000000" })
	void refusesMalformedHeaders(String header) {
		assertThat(this.validator.isValid(CONNECTION, header)).isFalse();
	}

	@Test
	void refusesTruncatedOrExtendedSignatures() {
		String signature = header(PRIMARY);
		assertThat(this.validator.isValid(CONNECTION, signature.substring(0, signature.length() - 1))).isFalse();
		assertThat(this.validator.isValid(CONNECTION, signature.substring(0, signature.length() - 2))).isFalse();
		assertThat(this.validator.isValid(CONNECTION, signature.substring(0, 7 + 32))).isFalse();
		assertThat(this.validator.isValid(CONNECTION, signature + "00")).isFalse();
		assertThat(this.validator.isValid(CONNECTION, signature.substring(7))).as("without its algorithm").isFalse();
	}

	@Test
	void refusesWithoutConnectionIdOrHeader() {
		assertThat(this.validator.isValid(null, header(PRIMARY))).isFalse();
		assertThat(this.validator.isValid("", header(PRIMARY))).isFalse();
		assertThat(this.validator.isValid(CONNECTION, null)).isFalse();
	}

	@Test
	void readsNoMoreThanItsLimitOfSignatures() {
		String forged = "sha256=" + "00".repeat(32);
		String almostFull = String.join(",", java.util.Collections.nCopies(
				UpstreamSignatureValidator.MAX_SIGNATURES - 1, forged));
		assertThat(this.validator.isValid(CONNECTION, almostFull + "," + header(PRIMARY))).isTrue();
		assertThat(this.validator.isValid(CONNECTION, almostFull + "," + forged + "," + header(PRIMARY)))
			.as("one signature too many").isFalse();
	}

	private static String header(String... keys) {
		return UpstreamSignature.header(CONNECTION, List.of(keys));
	}

}
