package io.github.springsignalr.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import io.github.springsignalr.emulator.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link TokenValidator} at a fixed instant: signature by either key, lifetime, audience, user id.
 */
class TokenValidatorTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private static final String AUDIENCE = "http://localhost/client/?hub=chat";

	private final KeyRing keys = KeyRing.of(null, null);

	private final TokenValidator validator = new TokenValidator(this.keys, Clock.fixed(NOW, ZoneOffset.UTC));

	private final Audience audience = Audience.client("http", Set.of("localhost"), "chat");

	@Test
	void acceptsEitherKeyAndReadsUserId() throws TokenRejectedException {
		assertThat(validate(Tokens.sign(this.keys.keys().primary(), AUDIENCE, "alice", NOW, Duration.ofHours(1)))
			.userId()).isEqualTo("alice");
		assertThat(validate(Tokens.sign(this.keys.keys().secondary(), AUDIENCE, null, NOW, Duration.ofHours(1)))
			.userId()).isNull();
	}

	@Test
	void userIdFallsBackToNameIdentifier() throws TokenRejectedException {
		JWTClaimsSet claims = claims().claim("nameid", "bob").build();
		assertThat(validate(Tokens.sign(this.keys.keys().primary(), claims)).userId()).isEqualTo("bob");
		JWTClaimsSet both = claims().claim("nameid", "bob").claim("asrs.s.uid", "carol").build();
		AuthenticatedUser user = validate(Tokens.sign(this.keys.keys().primary(), both));
		assertThat(user.userId()).isEqualTo("carol");
		assertThat(user.claims()).containsEntry("nameid", "bob");
	}

	@Test
	void acceptsAnyMatchingAudienceOfSeveral() throws TokenRejectedException {
		JWTClaimsSet claims = claims().audience(java.util.List.of("http://elsewhere/", AUDIENCE)).build();
		validate(Tokens.sign(this.keys.keys().primary(), claims));
	}

	@Test
	void refusesOtherKey() {
		assertRefused(Tokens.sign(KeyRing.generateKey(), AUDIENCE, "x", NOW, Duration.ofHours(1)),
				"matches neither access key");
	}

	@Test
	void refusesKeyReplacedSinceSigning() {
		String token = Tokens.sign(this.keys.keys().primary(), AUDIENCE, "x", NOW, Duration.ofHours(1));
		this.keys.regenerate(io.github.springsignalr.emulator.KeyType.PRIMARY);
		assertRefused(token, "matches neither access key");
	}

	@Test
	void refusesExpiredAtTheInstantOfExpiry() {
		assertRefused(Tokens.sign(this.keys.keys().primary(), AUDIENCE, "x", NOW.minus(Duration.ofHours(1)),
				Duration.ofHours(1)), "expired");
	}

	@Test
	void refusesTokenWithoutExpiry() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().audience(AUDIENCE).build();
		assertRefused(Tokens.sign(this.keys.keys().primary(), claims), "no expiry");
	}

	@Test
	void notBeforeAndIssuedAtAreNotValidated() throws TokenRejectedException {
		// ClaimsUtility: "iat ... It is not validated by service", "nbf ... It is not validated by service".
		JWTClaimsSet future = claims().notBeforeTime(Date.from(NOW.plus(Duration.ofDays(1))))
			.issueTime(Date.from(NOW.plus(Duration.ofDays(1))))
			.expirationTime(Date.from(NOW.plus(Duration.ofDays(2))))
			.build();
		assertThat(validate(Tokens.sign(this.keys.keys().primary(), future)).userId()).isNull();
		JWTClaimsSet expired = claims().notBeforeTime(Date.from(NOW.plus(Duration.ofDays(1))))
			.expirationTime(Date.from(NOW))
			.build();
		assertRefused(Tokens.sign(this.keys.keys().primary(), expired), "expired");
	}

	@Test
	void firstSubjectIsTheUserIdWhenNothingElseNamesOne() throws TokenRejectedException {
		JWTClaimsSet subject = claims().subject("dave").build();
		assertThat(validate(Tokens.sign(this.keys.keys().primary(), subject)).userId()).isEqualTo("dave");
		// The SDK keeps the first "sub" as sub and renames the others asrs.u.sub: the token holds one.
		JWTClaimsSet several = claims().subject("erin").claim("asrs.u.sub", "frank").build();
		assertThat(validate(Tokens.sign(this.keys.keys().primary(), several)).userId()).isEqualTo("erin");
	}

	@Test
	void subjectGivesWayToTheUserIdAndTheNameIdentifier() throws TokenRejectedException {
		JWTClaimsSet withUserId = claims().subject("dave").claim("asrs.s.uid", "carol").build();
		assertThat(validate(Tokens.sign(this.keys.keys().primary(), withUserId)).userId()).isEqualTo("carol");
		JWTClaimsSet withNameId = claims().subject("dave").claim("nameid", "bob").build();
		assertThat(validate(Tokens.sign(this.keys.keys().primary(), withNameId)).userId()).isEqualTo("bob");
	}

	@Test
	void refusesOtherAudience() {
		assertRefused(Tokens.sign(this.keys.keys().primary(), "http://localhost/client/?hub=other", "x", NOW,
				Duration.ofHours(1)), "audience");
	}

	@Test
	void refusesMissingMalformedAndUnsignedTokens() {
		assertRefused(null, "No access token");
		assertRefused(" ", "No access token");
		assertRefused("abc.def", "not a signed JWT");
		assertRefused(new PlainJWT(claims().build()).serialize(), "not a signed JWT");
	}

	@Test
	void refusesHs512WhenTheKeyIsTooShortForIt() throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims().build());
		jwt.sign(new MACSigner(("a".repeat(64)).getBytes(StandardCharsets.UTF_8)));
		assertRefused(jwt.serialize(), "matches neither access key");
	}

	@Test
	void reasonNeverHoldsTheToken() {
		String token = Tokens.sign(KeyRing.generateKey(), AUDIENCE, "x", NOW, Duration.ofHours(1));
		assertThatExceptionOfType(TokenRejectedException.class).isThrownBy(() -> validate(token))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(token).doesNotContain(token.split("\\.")[1]));
	}

	private JWTClaimsSet.Builder claims() {
		return new JWTClaimsSet.Builder().audience(AUDIENCE)
			.notBeforeTime(Date.from(NOW))
			.issueTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plus(Duration.ofHours(1))));
	}

	private AuthenticatedUser validate(String token) throws TokenRejectedException {
		return this.validator.validate(token, this.audience);
	}

	private void assertRefused(String token, String reason) {
		assertThatExceptionOfType(TokenRejectedException.class).isThrownBy(() -> validate(token))
			.withMessageContaining(reason);
	}

}
