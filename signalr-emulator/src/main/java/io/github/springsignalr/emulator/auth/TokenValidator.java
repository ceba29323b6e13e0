package io.github.springsignalr.emulator.auth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Checks an access token as the service does: an HMAC signature by either current key, an {@code exp} in the future,
 * an {@code nbf} (if any) not ahead of the clock by more than a small skew, and an audience naming the request.
 */
public final class TokenValidator {

	/** The service's user id claim, written by the SDKs. */
	static final String USER_ID_CLAIM = "asrs.s.uid";

	/** The short JWT name of a name identifier claim, as ASP.NET Core writes it. */
	static final String NAME_IDENTIFIER_CLAIM = "nameid";

	static final String NAME_IDENTIFIER_URI = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";

	/** How far a token's {@code nbf} may be ahead of this clock: the app that signed it may run on another machine. */
	static final Duration NOT_BEFORE_SKEW = Duration.ofMinutes(1);

	private final KeyRing keys;

	private final Clock clock;

	public TokenValidator(KeyRing keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * Validates {@code token} for a request addressed to {@code audience}.
	 * @return who the token speaks for
	 * @throws TokenRejectedException when the service would answer 401
	 */
	public AuthenticatedUser validate(String token, Audience audience) throws TokenRejectedException {
		if (token == null || token.isBlank()) {
			throw new TokenRejectedException("No access token: send it as 'Authorization: Bearer' or 'access_token'");
		}
		SignedJWT jwt = parse(token);
		JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
		if (!JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
			throw new TokenRejectedException("The access token is signed with " + algorithm + ", not HMAC-SHA");
		}
		if (!isSignedByCurrentKey(jwt)) {
			throw new TokenRejectedException("The access token's signature matches neither access key");
		}
		JWTClaimsSet claims = claims(jwt);
		checkLifetime(claims);
		List<String> audiences = claims.getAudience();
		if (audiences.stream().noneMatch(audience::matches)) {
			throw new TokenRejectedException(
					"The access token's audience " + audiences + " does not name " + audience);
		}
		return new AuthenticatedUser(userId(claims), claims.getClaims());
	}

	private static SignedJWT parse(String token) throws TokenRejectedException {
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
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && now.plus(NOT_BEFORE_SKEW).isBefore(notBefore.toInstant())) {
			throw new TokenRejectedException("The access token is not valid before " + notBefore.toInstant());
		}
	}

	private static String userId(JWTClaimsSet claims) {
		for (String name : List.of(USER_ID_CLAIM, NAME_IDENTIFIER_CLAIM, NAME_IDENTIFIER_URI)) {
			Object value = claims.getClaim(name);
			if (value instanceof String text && !text.isEmpty()) {
				return text;
			}
		}
		return null;
	}

}
