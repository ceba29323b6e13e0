package io.github.springsignalr.upstream;

import java.util.ArrayList;
import java.util.List;

import io.github.springsignalr.emulator.upstream.UpstreamSignature;
import io.github.springsignalr.endpoint.AccessKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpstreamAuthenticator}: a signature of a live key or a valid bearer token, either suffices; the
 * bearer only when a validator is configured, only in the {@code Bearer} scheme.
 */
class UpstreamAuthenticatorTests {

	private static final String KEY = "YXV0aGVudGljYXRvci10ZXN0LWtleS1ub3QtcmVhbDAwMDA=";

	private static final String CONNECTION = "connection-1";

	private final List<String> tokensChecked = new ArrayList<>();

	private final UpstreamSignatureValidator signatures = new UpstreamSignatureValidator(
			() -> List.of(AccessKey.of(KEY)));

	private final UpstreamAuthenticator withBearer = new UpstreamAuthenticator(this.signatures, (token) -> {
		this.tokensChecked.add(token);
		return token.equals("good");
	});

	private final UpstreamAuthenticator signaturesOnly = new UpstreamAuthenticator(this.signatures, null);

	@Test
	void aSignatureOfALiveKeySufficesWithoutAskingTheBearerValidator() {
		String signature = UpstreamSignature.header(CONNECTION, List.of(KEY));
		assertThat(this.withBearer.isAuthentic(CONNECTION, signature, "Bearer bad")).isTrue();
		assertThat(this.signaturesOnly.isAuthentic(CONNECTION, signature, null)).isTrue();
		assertThat(this.tokensChecked).isEmpty();
	}

	@Test
	void aValidBearerTokenSufficesInAnyCaseOfTheScheme() {
		assertThat(this.withBearer.isAuthentic(CONNECTION, null, "Bearer good")).isTrue();
		assertThat(this.withBearer.isAuthentic(CONNECTION, "sha256=" + "00".repeat(32), "BEARER  good ")).isTrue();
		assertThat(this.withBearer.isAuthentic(CONNECTION, null, "Bearer bad")).isFalse();
		assertThat(this.withBearer.acceptsBearerTokens()).isTrue();
	}

	@Test
	void otherSchemesEmptyTokensAndOversizedHeadersAreNotAskedAbout() {
		assertThat(this.withBearer.isAuthentic(CONNECTION, null, "Basic good")).isFalse();
		assertThat(this.withBearer.isAuthentic(CONNECTION, null, "Bearer ")).isFalse();
		assertThat(this.withBearer.isAuthentic(CONNECTION, null, "Bearergood")).isFalse();
		assertThat(this.withBearer.isAuthentic(CONNECTION, null, "Bearer " + "x".repeat(20_000))).isFalse();
		assertThat(this.withBearer.isAuthentic(null, null, "Bearer good")).as("no connection id").isFalse();
		assertThat(this.tokensChecked).isEmpty();
	}

	@Test
	void withoutABearerValidatorTokensProveNothing() {
		assertThat(this.signaturesOnly.isAuthentic(CONNECTION, null, "Bearer good")).isFalse();
		assertThat(this.signaturesOnly.acceptsBearerTokens()).isFalse();
	}

}
