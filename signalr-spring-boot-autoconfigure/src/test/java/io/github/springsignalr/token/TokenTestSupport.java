package io.github.springsignalr.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.connectionstring.AuthType;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys, endpoints and an independent verifier (nimbus-jose-jwt) for the token tests. The keys are test-only, shaped
 * as real ones (43 base64 characters and '=') so that tests can prove they are never printed.
 */
final class TokenTestSupport {

	static final String KEY = "dG9rZW4tdGVzdHMtb25seS1rZXktbm90LXNlY3JldDE=";

	static final String OTHER_KEY = "dG9rZW4tdGVzdHMtb25seS1rZXktbnVtYmVyLXR3bzI=";

	private TokenTestSupport() {
	}

	/**
	 * An endpoint built without the parser: scheme, host and port as the parser leaves them.
	 */
	static ServiceEndpoint endpoint(String endpoint, String clientEndpoint, String serverEndpoint, String key) {
		ConnectionString connectionString = new ConnectionString(URI.create(endpoint), key, "1.0",
				(clientEndpoint != null) ? URI.create(clientEndpoint) : null,
				(serverEndpoint != null) ? URI.create(serverEndpoint) : null,
				(key != null) ? AuthType.ACCESS_KEY : AuthType.AZURE, null, null, null, null);
		return ServiceEndpoint.of("", EndpointType.PRIMARY, connectionString);
	}

	static ServiceEndpoint endpoint(String endpoint) {
		return endpoint(endpoint, null, null, KEY);
	}

	/**
	 * Parses a token and checks its HS256 signature with the key's UTF-8 bytes, as the service does.
	 */
	static SignedJWT verified(String token, String key) {
		SignedJWT jwt = parse(token);
		assertThat(verifies(jwt, key)).as("signature verifies with the key").isTrue();
		return jwt;
	}

	static boolean verifies(SignedJWT jwt, String key) {
		try {
			return jwt.verify(new MACVerifier(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SignedJWT parse(String token) {
		try {
			return SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The claims exactly as sent: the JSON text of the token's payload.
	 */
	static String payloadJson(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
	}

	static String headerJson(String token) {
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
	}

	/**
	 * Whether text holds either key, or any 8 consecutive characters of one.
	 */
	static boolean leaksKey(String text) {
		return leaks(text, KEY) || leaks(text, OTHER_KEY);
	}

	static boolean leaks(String text, String secret) {
		for (int i = 0; i + 8 <= secret.length(); i++) {
			if (text.contains(secret.substring(i, i + 8))) {
				return true;
			}
		}
		return false;
	}

}
