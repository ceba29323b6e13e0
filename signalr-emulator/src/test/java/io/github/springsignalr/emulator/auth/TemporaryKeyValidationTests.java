package io.github.springsignalr.emulator.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import io.github.springsignalr.testsupport.MovableClock;
import io.github.springsignalr.emulator.SignalRRole;
import io.github.springsignalr.emulator.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TokenValidator} with temporary keys and Microsoft Entra tokens, on a clock the test moves:
 * {@link TemporaryKeys}' lifetime, a {@code kid} naming a temporary key, Entra tokens for server calls only, and
 * {@link EntraAuthentication}'s audience and roles. The Entra ID is a stub verifier over an RSA key of the test's
 * (the real one is {@code EntraEmulator}, tested over HTTPS).
 */
class TemporaryKeyValidationTests {

	private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

	private static final String AUDIENCE = "http://localhost/client/?hub=chat";

	private static final Duration LIFETIME = Duration.ofMinutes(10);

	private final MovableClock clock = new MovableClock(START);

	private final KeyRing keys = KeyRing.of(null, null);

	private final TemporaryKeys temporaryKeys = new TemporaryKeys(LIFETIME, this.clock);

	private final RSAKey entraKey = rsaKey();

	private final EntraTokenVerifier verifier = (token) -> {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!jwt.verify(new RSASSAVerifier(this.entraKey))) {
				throw new TokenRejectedException("signature");
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			return new EntraPrincipal("tenant", claims.getStringClaim("azp"), "oid", claims.getAudience(),
					claims.getExpirationTime().toInstant());
		}
		catch (java.text.ParseException | JOSEException ex) {
			throw new TokenRejectedException("unreadable");
		}
	};

	private final EntraAuthentication entra = new EntraAuthentication(this.verifier,
			Map.of("app", Set.of(SignalRRole.SERVICE_OWNER), "rest-only", Set.of(SignalRRole.REST_API_OWNER), "reader",
					Set.of(SignalRRole.REST_API_READER), "nobody", Set.of()));

	private final TokenValidator validator = new TokenValidator(this.keys, this.temporaryKeys, this.entra, this.clock);

	private final Audience client = Audience.client("http", Set.of("localhost"), "chat");

	@Test
	void tokenSignedWithTemporaryKeyIsAcceptedUntilTheKeyExpires() throws TokenRejectedException {
		TemporaryKey key = this.temporaryKeys.issue("app");
		assertThat(key.expiresAt()).isEqualTo(START.plus(LIFETIME));
		assertThat(key.accessKey()).matches("[A-Za-z0-9+/]{43}=");
		assertThat(key.toString()).doesNotContain(key.accessKey());
		String token = Tokens.sign(key.accessKey(), key.keyId(), claims(Duration.ofHours(1)));
		assertThat(this.validator.validate(token, this.client).userId()).isEqualTo("alice");
		this.clock.advance(LIFETIME.minusSeconds(1));
		this.validator.validate(token, this.client);
		this.clock.advance(Duration.ofSeconds(1));
		assertRefused(token, "expired");
	}

	@Test
	void temporaryKeyExpiresNinetyMinutesAfterIssueByDefault() throws TokenRejectedException {
		TemporaryKeys defaults = new TemporaryKeys(TemporaryKeys.DEFAULT_LIFETIME, this.clock);
		TokenValidator validator = new TokenValidator(this.keys, defaults, this.entra, this.clock);
		TemporaryKey key = defaults.issue("app");
		String token = Tokens.sign(key.accessKey(), key.keyId(), claims(Duration.ofHours(3)));
		this.clock.advance(Duration.ofMinutes(90).minusSeconds(1));
		assertThat(validator.validate(token, this.client).userId()).as("accepted before 90 minutes").isEqualTo("alice");
		this.clock.advance(Duration.ofSeconds(1));
		assertThatExceptionOfType(TokenRejectedException.class).isThrownBy(() -> validator.validate(token, this.client))
			.withMessageContaining("expired");
	}

	@Test
	void expiredKeyIsForgottenAfterAnotherLifetime() {
		TemporaryKey key = this.temporaryKeys.issue("app");
		String token = Tokens.sign(key.accessKey(), key.keyId(), claims(Duration.ofDays(1)));
		this.clock.advance(LIFETIME.multipliedBy(2).plusSeconds(1));
		this.temporaryKeys.issue("app");
		assertThat(this.temporaryKeys.find(key.keyId())).isNull();
		assertRefused(token, "matches neither access key");
		assertThat(this.temporaryKeys.issuedCount()).isEqualTo(2);
	}

	@Test
	void keyIdOfTemporaryKeyWithAnotherSignatureIsRefused() {
		TemporaryKey key = this.temporaryKeys.issue("app");
		assertRefused(Tokens.sign(this.keys.keys().primary(), key.keyId(), claims(Duration.ofHours(1))),
				"does not match temporary key " + key.keyId());
	}

	@Test
	void unknownKeyIdFallsBackToTheAccessKeys() throws TokenRejectedException {
		String token = Tokens.sign(this.keys.keys().secondary(), "some-other-id", claims(Duration.ofHours(1)));
		assertThat(this.validator.validate(token, this.client).userId()).isEqualTo("alice");
	}

	@Test
	void lifetimeMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TemporaryKeys(Duration.ZERO, this.clock));
	}

	@Test
	void entraTokenIsForServerCallsOnly() throws Exception {
		String token = entraToken("app", "https://signalr.azure.com");
		Audience rest = Audience.rest("http", Set.of("localhost"), "/api/hubs/chat/:send");
		AuthenticatedUser caller = this.validator.validateServer(token, rest);
		assertThat(caller.principal().clientId()).isEqualTo("app");
		assertThat(caller.userId()).isNull();
		assertRefused(token, "Microsoft Entra token is for the REST API");
		TokenValidator withoutEntra = new TokenValidator(this.keys, this.temporaryKeys, null, this.clock);
		assertThatExceptionOfType(TokenRejectedException.class)
			.isThrownBy(() -> withoutEntra.validateServer(token, rest))
			.withMessageContaining("entra(");
	}

	@Test
	void entraAudienceMustBeTheService() throws Exception {
		assertThat(this.entra.authenticate(entraToken("app", "https://signalr.azure.com/")).clientId()).isEqualTo("app");
		assertThatExceptionOfType(TokenRejectedException.class)
			.isThrownBy(() -> this.entra.authenticate(entraToken("app", "https://vault.azure.net")))
			.withMessageContaining("audience");
		assertThatExceptionOfType(TokenRejectedException.class).isThrownBy(() -> this.entra.authenticate(null))
			.withMessageContaining("No Microsoft Entra token");
	}

	@Test
	void rolesDecideWhatAnIdentityMayDo() {
		assertThat(this.entra.mayGetAccessKey(principal("app"))).isTrue();
		assertThat(this.entra.mayCallRestApi(principal("app"), false)).isTrue();
		assertThat(this.entra.mayGetAccessKey(principal("rest-only"))).isFalse();
		assertThat(this.entra.mayCallRestApi(principal("rest-only"), false)).isTrue();
		assertThat(this.entra.mayCallRestApi(principal("reader"), false)).isFalse();
		assertThat(this.entra.mayCallRestApi(principal("reader"), true)).isTrue();
		assertThat(this.entra.mayGetAccessKey(principal("nobody"))).isFalse();
		assertThat(this.entra.mayCallRestApi(principal("nobody"), true)).isFalse();
	}

	private static EntraPrincipal principal(String clientId) {
		return new EntraPrincipal("tenant", clientId, "oid", List.of(EntraAuthentication.AUDIENCE), START);
	}

	private String entraToken(String clientId, String audience) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.entraKey.getKeyID()).build(),
				new JWTClaimsSet.Builder().audience(audience)
					.claim("azp", clientId)
					.expirationTime(Date.from(START.plus(Duration.ofHours(1))))
					.build());
		jwt.sign(new RSASSASigner(this.entraKey));
		return jwt.serialize();
	}

	private JWTClaimsSet claims(Duration lifetime) {
		return new JWTClaimsSet.Builder().audience(AUDIENCE)
			.notBeforeTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(this.clock.instant().plus(lifetime)))
			.claim("asrs.s.uid", "alice")
			.build();
	}

	private void assertRefused(String token, String reason) {
		assertThatExceptionOfType(TokenRejectedException.class)
			.isThrownBy(() -> this.validator.validate(token, this.client))
			.withMessageContaining(reason);
	}

	private static RSAKey rsaKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("test").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
