package io.github.springsignalr.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Checks an access token as the service does: an HMAC signature by either current key (or, when its {@code kid} names
 * one, by a live temporary key), an {@code exp} in the future, and an audience naming the request. {@code nbf} and
 * {@code iat} are not checked: the .NET SDK's {@code ClaimsUtility} says of both "It is not validated by service".
 * The user id is {@code asrs.s.uid}, else a name identifier, else the first {@code sub} (which {@code ClaimsUtility}
 * says is "used as SignalR's UserIdentifier"). Server calls (the REST API) may instead bring a Microsoft Entra token,
 * when the instance trusts a Microsoft Entra ID.
 */
public final class TokenValidator {

	/** The service's user id claim, written by the SDKs. */
	static final String USER_ID_CLAIM = "asrs.s.uid";

	/** The short JWT name of a name identifier claim, as ASP.NET Core writes it. */
	static final String NAME_IDENTIFIER_CLAIM = "nameid";

	static final String NAME_IDENTIFIER_URI = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";

	/** The standard subject claim: the user id when no other names one. */
	static final String SUBJECT_CLAIM = "sub";

	private final KeyRing keys;

	private final @Nullable TemporaryKeys temporaryKeys;

	private final @Nullable EntraAuthentication entra;

	private final @Nullable Clock clock;

	public TokenValidator(KeyRing keys, @Nullable Clock clock) {
		this(keys, null, null, clock);
	}

	/**
	 * @param temporaryKeys the temporary keys handed out, or {@code null} for none
	 * @param entra how Microsoft Entra tokens are checked, or {@code null} to refuse them
	 */
	public TokenValidator(KeyRing keys, @Nullable TemporaryKeys temporaryKeys, @Nullable EntraAuthentication entra,
			@Nullable Clock clock) {
		this.keys = keys;
		this.temporaryKeys = temporaryKeys;
		this.entra = entra;
		this.clock = clock;
	}

	/**
	 * Validates a client's {@code token} for a request addressed to {@code audience}: it must be signed with an access
	 * key or a temporary key.
	 * @return who the token speaks for
	 * @throws TokenRejectedException when the service would answer 401
	 */
	public AuthenticatedUser validate(@Nullable String token, Audience audience) throws TokenRejectedException {
		SignedJWT jwt = parse(token);
		if (isEntraToken(jwt)) {
			throw new TokenRejectedException("The access token is signed with " + jwt.getHeader().getAlgorithm()
					+ ": a Microsoft Entra token is for the REST API; clients need a token signed with an access key");
		}
		return validateSignedWithKey(jwt, audience);
	}

	/**
	 * Validates an application server's {@code token} (a REST call) for a request addressed to {@code audience}:
	 * signed with an access key or a temporary key, or a Microsoft Entra token for the service.
	 * @return who the token speaks for; {@link AuthenticatedUser#principal()} names the application of an Entra token
	 * @throws TokenRejectedException when the service would answer 401
	 */
	public AuthenticatedUser validateServer(@Nullable String token, Audience audience) throws TokenRejectedException {
		SignedJWT jwt = parse(token);
		if (!isEntraToken(jwt)) {
			return validateSignedWithKey(jwt, audience);
		}
		if (this.entra == null) {
			throw new TokenRejectedException("The access token is signed with " + jwt.getHeader().getAlgorithm()
					+ ", as a Microsoft Entra token is, but this emulator trusts no Microsoft Entra ID "
					+ "(SignalREmulator.builder().entra(…))");
		}
		EntraPrincipal principal = this.entra.authenticate(token);
		return new AuthenticatedUser(null, claims(jwt).getClaims(), principal);
	}

	private AuthenticatedUser validateSignedWithKey(SignedJWT jwt, Audience audience) throws TokenRejectedException {
		JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
		if (!JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
			throw new TokenRejectedException("The access token is signed with " + algorithm + ", not HMAC-SHA");
		}
		checkSignature(jwt);
		JWTClaimsSet claims = claims(jwt);
		checkLifetime(claims);
		List<String> audiences = claims.getAudience();
		if (audiences.stream().noneMatch(audience::matches)) {
			throw new TokenRejectedException(
					"The access token's audience " + audiences + " does not name " + audience);
		}
		return new AuthenticatedUser(userId(claims), claims.getClaims());
	}

	/**
	 * The fingerprint of the access key (primary or secondary, as they are now) that signed a token, or {@code null}
	 * when neither did (a temporary key, a Microsoft Entra token, not a JWT). No key leaves this class.
	 */
	public String accessKeyFingerprint(String token) {
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(token);
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
		AccessKeys current = this.keys.keys();
		for (String key : List.of(current.primary(), current.secondary())) {
			if (verifies(jwt, key)) {
				return KeyFingerprint.of(key);
			}
		}
		return null;
	}

	private static boolean isEntraToken(SignedJWT jwt) {
		return JWSAlgorithm.Family.RSA.contains(jwt.getHeader().getAlgorithm());
	}

	private void checkSignature(SignedJWT jwt) throws TokenRejectedException {
		String keyId = jwt.getHeader().getKeyID();
		TemporaryKey temporary = (this.temporaryKeys != null) ? this.temporaryKeys.find(keyId) : null;
		if (temporary == null) {
			if (!isSignedByCurrentKey(jwt)) {
				throw new TokenRejectedException("The access token's signature matches neither access key");
			}
			return;
		}
		if (temporary.isExpiredAt(this.clock.instant())) {
			throw new TokenRejectedException("The access token is signed with temporary key " + keyId
					+ ", which expired at " + temporary.expiresAt() + ": get a new one from /api/v1/auth/accessKey");
		}
		if (!verifies(jwt, temporary.accessKey())) {
			throw new TokenRejectedException("The access token's signature does not match temporary key " + keyId);
		}
	}

	private static boolean verifies(SignedJWT jwt, String key) {
		try {
			return jwt.verify(new MACVerifier(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (JOSEException ex) {
			return false;
		}
	}

	private static SignedJWT parse(String token) throws TokenRejectedException {
		if (token == null || token.isBlank()) {
			throw new TokenRejectedException("No access token: send it as 'Authorization: Bearer' or 'access_token'");
		}
		try {
			return SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			throw new TokenRejectedException("The access token is not a signed JWT");
		}
	}

	private boolean isSignedByCurrentKey(SignedJWT jwt) {
		for (MACVerifier verifier : this.keys.verifiers()) {
			try {
				if (jwt.verify(verifier)) {
					return true;
				}
			}
			catch (JOSEException ex) {
				// A key too short for the token's algorithm (HS512) does not verify it.
			}
		}
		return false;
	}

	private static JWTClaimsSet claims(SignedJWT jwt) throws TokenRejectedException {
		try {
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new TokenRejectedException("The access token's claims are not a JSON object");
		}
	}

	private void checkLifetime(JWTClaimsSet claims) throws TokenRejectedException {
		Instant now = this.clock.instant();
		Date expiry = claims.getExpirationTime();
		if (expiry == null) {
			throw new TokenRejectedException("The access token has no expiry (exp)");
		}
		if (!now.isBefore(expiry.toInstant())) {
			throw new TokenRejectedException("The access token expired at " + expiry.toInstant());
		}
	}

	private static @Nullable String userId(JWTClaimsSet claims) {
		for (String name : List.of(USER_ID_CLAIM, NAME_IDENTIFIER_CLAIM, NAME_IDENTIFIER_URI)) {
			Object value = claims.getClaim(name);
			if (value instanceof String text && !text.isEmpty()) {
				return text;
			}
		}
		// The SDK sends the first "sub" of the user's claims as sub (the others as asrs.u.sub): it is the user.
		Object subject = claims.getClaim(SUBJECT_CLAIM);
		return (subject instanceof String text && !text.isEmpty()) ? text : null;
	}

}
