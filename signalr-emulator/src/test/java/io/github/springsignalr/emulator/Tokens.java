package io.github.springsignalr.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens signed here, independently of the emulator, as the .NET SDK builds them: HS256 over the key's UTF-8 text,
 * {@code nbf}, {@code iat}, {@code exp}, {@code aud}, and the user in {@code asrs.s.uid}.
 */
public final class Tokens {

	private Tokens() {
	}

	public static String client(String key, String audience, String userId) {
		return sign(key, audience, userId, Instant.now(), Duration.ofHours(1));
	}

	public static String rest(String key, String url) {
		return sign(key, url, null, Instant.now(), Duration.ofHours(1));
	}

	public static String sign(String key, String audience, String userId, Instant issuedAt, Duration lifetime) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().audience(audience)
			.notBeforeTime(Date.from(issuedAt))
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plus(lifetime)));
		if (userId != null) {
			claims.claim("asrs.s.uid", userId);
		}
		return sign(key, claims.build());
	}

	/**
	 * A client token signed with a temporary key, whose id it names as {@code kid}, as the .NET SDK signs with the
	 * key it got from {@code /api/v1/auth/accessKey}.
	 */
	public static String clientWithKeyId(String key, String keyId, String audience, String userId) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().audience(audience)
			.notBeforeTime(Date.from(now))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))));
		if (userId != null) {
			claims.claim("asrs.s.uid", userId);
		}
		return sign(key, keyId, claims.build());
	}

	public static String sign(String key, JWTClaimsSet claims) {
		return sign(key, null, claims);
	}

	public static String sign(String key, String keyId, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
			jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
