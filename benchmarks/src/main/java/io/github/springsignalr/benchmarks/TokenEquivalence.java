package io.github.springsignalr.benchmarks;

import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;

/**
 * Checks that a peer library's token says what ours says, so that the benchmarks compare equal work: same header
 * members, same claims with the same JSON types (a string audience, not an array), same lifetime, a signature that
 * verifies with the same key. Member order and the clock's second may differ.
 */
final class TokenEquivalence {

	private TokenEquivalence() {
	}

	static void check(String reference, byte[] secret, String library, String candidate) {
		try {
			SignedJWT ours = SignedJWT.parse(reference);
			SignedJWT theirs = SignedJWT.parse(candidate);
			require(theirs.verify(new MACVerifier(secret)), library, "its signature does not verify with the key");
			require(ours.verify(new MACVerifier(secret)), "ours", "its signature does not verify with the key");
			require(ours.getHeader().toJSONObject().equals(theirs.getHeader().toJSONObject()), library,
					"header " + theirs.getHeader().toJSONObject() + " is not " + ours.getHeader().toJSONObject());
			Map<String, Object> ourClaims = ours.getPayload().toJSONObject();
			Map<String, Object> theirClaims = theirs.getPayload().toJSONObject();
			require(withoutTimes(ourClaims).equals(withoutTimes(theirClaims)), library,
					"claims " + theirClaims + " are not " + ourClaims);
			long issued = seconds(theirClaims, "iat");
			require(seconds(theirClaims, "nbf") == issued, library, "nbf is not iat");
			require(seconds(theirClaims, "exp") - issued == ClientTokenBenchmark.LIFETIME_SECONDS, library,
					"its lifetime differs");
			require(Math.abs(issued - seconds(ourClaims, "iat")) <= 1, library, "it was issued at another time");
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException("The " + library + " token cannot be read", ex);
		}
	}

	/**
	 * Checks that a bare HMAC is the signature of a token: that it was computed over the same signing input.
	 */
	static void checkSignature(String token, byte[] mac) {
		String signature = token.substring(token.lastIndexOf('.') + 1);
		require(Base64.getUrlEncoder().withoutPadding().encodeToString(mac).equals(signature), "raw HMAC",
				"the HMAC is not the token's signature");
	}

	private static Map<String, Object> withoutTimes(Map<String, Object> claims) {
		Map<String, Object> rest = new HashMap<>(claims);
		rest.keySet().removeAll(List.of("nbf", "exp", "iat"));
		return rest;
	}

	private static long seconds(Map<String, Object> claims, String name) {
		return ((Number) claims.get(name)).longValue();
	}

	private static void require(boolean condition, String library, String problem) {
		if (!condition) {
			throw new IllegalStateException("The " + library + " token is not equivalent to ours: " + problem);
		}
	}

}
