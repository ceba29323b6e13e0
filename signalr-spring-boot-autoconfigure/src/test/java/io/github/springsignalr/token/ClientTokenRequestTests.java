package io.github.springsignalr.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClientTokenRequest}.
 */
class ClientTokenRequestTests {

	@Test
	void ofIsAnonymousOrOneUserWithNothingElse() {
		ClientTokenRequest anonymous = ClientTokenRequest.of("chat");
		assertThat(anonymous.userId()).isNull();
		assertThat(anonymous.claims()).isEmpty();
		assertThat(anonymous.roles()).isEmpty();
		assertThat(anonymous.lifetime()).isNull();
		assertThat(anonymous.enableDetailedErrors()).isFalse();
		assertThat(anonymous.diagnosticClient()).isFalse();
		assertThat(anonymous.maxPollInterval()).isNull();
		assertThat(anonymous.authenticationExpiresOn()).isNull();
		assertThat(ClientTokenRequest.of("chat", "user-1").userId()).isEqualTo("user-1");
	}

	@Test
	void builderCollectsEverything() {
		Instant expiresOn = Instant.parse("2026-11-23T12:00:00Z");
		ClientTokenRequest request = ClientTokenRequest.builder("chat")
			.userId("u")
			.claim("group", "a")
			.claims(Map.of("group", List.of("b")))
			.claim("email", "u@example.com")
			.roles("admin")
			.roles(List.of("reader"))
			.lifetime(Duration.ofMinutes(5))
			.enableDetailedErrors(true)
			.diagnosticClient(true)
			.maxPollInterval(Duration.ofSeconds(300))
			.closeOnAuthenticationExpiration(expiresOn)
			.build();
		assertThat(request).isEqualTo(new ClientTokenRequest("chat", "u",
				Map.of("group", List.of("a", "b"), "email", List.of("u@example.com")), List.of("admin", "reader"),
				Duration.ofMinutes(5), true, true, Duration.ofSeconds(300), expiresOn));
		assertThat(request.claims().keySet()).containsExactly("group", "email");
	}

	@Test
	void claimsAndRolesAreImmutableCopies() {
		Map<String, List<String>> claims = new LinkedHashMap<>();
		claims.put("email", new ArrayList<>(List.of("u@example.com")));
		List<String> roles = new ArrayList<>(List.of("admin"));
		ClientTokenRequest request = new ClientTokenRequest("chat", null, claims, roles, null, false, false, null,
				null);
		claims.get("email").add("other");
		claims.put("name", List.of("n"));
		roles.add("reader");
		assertThat(request.claims()).isEqualTo(Map.of("email", List.of("u@example.com")));
		assertThat(request.roles()).containsExactly("admin");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.claims().put("x", List.of("y")));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.claims().get("email").add("y"));
	}

	@Test
	void emptyUserIdIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientTokenRequest.of("chat", ""))
			.withMessageContaining("null for an anonymous client");
	}

	@ParameterizedTest
	@ValueSource(strings = { "asrs.s.uid", "asrs.s.ttl", "asrs.s.anything", "ASRS.S.UID", "Asrs.S.Ttl", "asrs.S.uid" })
	void serviceClaimsAreRefused(String name) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientTokenRequest.builder("chat").claim(name, "x").build())
			.withMessageContaining(name);
	}

	@Test
	void claimWithoutValueIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientTokenRequest.builder("chat").claim("email").build())
			.withMessageContaining("'email' has no value");
	}

	@Test
	void emptyClaimNameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientTokenRequest.builder("chat").claim("", "x").build());
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 999, -1000 })
	void lifetimeUnderOneSecondIsRefused(long millis) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientTokenRequest.builder("chat").lifetime(Duration.ofMillis(millis)).build())
			.withMessageContaining("at least one second");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 301, 3600 })
	void pollIntervalOutsideOneTo300SecondsIsRefused(long seconds) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientTokenRequest.builder("chat").maxPollInterval(Duration.ofSeconds(seconds)).build())
			.withMessageContaining("1 to 300 seconds");
	}

}
