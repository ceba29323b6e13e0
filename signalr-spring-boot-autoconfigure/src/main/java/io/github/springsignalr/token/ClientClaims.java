package io.github.springsignalr.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link ClientTokenRequest} as the claims the .NET SDK's {@code ClaimsUtility.BuildJwtClaims} produces, in
 * its order: the service's {@code asrs.s.*} claims, then the user's.
 */
final class ClientClaims {

	static final String USER_ID = "asrs.s.uid";

	static final String DIAGNOSTIC_CLIENT = "asrs.s.dc";

	static final String ENABLE_DETAILED_ERRORS = "asrs.s.derror";

	static final String MAX_POLL_INTERVAL = "asrs.s.ttl";

	static final String CLOSE_ON_AUTHENTICATION_EXPIRATION = "asrs.s.coae";

	static final String AUTHENTICATION_EXPIRES_ON = "asrs.s.aeo";

	static final String USER_CLAIM_PREFIX = "asrs.u.";

	static final String ROLE = "role";

	private static final String SUBJECT = "sub";

	private static final byte[] USER_ID_NAME = JsonObjectWriter.encodeName(USER_ID);

	/**
	 * Claim names that the token itself or the service's token handling owns: a user claim of one of these names
	 * travels as {@code asrs.u.<name>} and the service gives it back under its own name. The .NET SDK's list.
	 */
	static final Set<String> RESERVED = Set.of("aud", "exp", "iat", "nbf", "iss", "actort", "acr", "azp", "c_hash",
			"jti", "nonce");

	private ClientClaims() {
	}

	static void write(ClientTokenRequest request, JsonObjectWriter json) {
		if (request.userId() != null) {
			json.string(USER_ID_NAME, request.userId());
		}
		if (request.diagnosticClient()) {
			json.string(DIAGNOSTIC_CLIENT, "true");
		}
		if (request.enableDetailedErrors()) {
			// .NET writes true.ToString(): capitalised.
			json.string(ENABLE_DETAILED_ERRORS, "True");
		}
		if (request.maxPollInterval() != null) {
			json.string(MAX_POLL_INTERVAL, Long.toString(request.maxPollInterval().getSeconds()));
		}
		if (request.authenticationExpiresOn() != null) {
			json.string(CLOSE_ON_AUTHENTICATION_EXPIRATION, "true");
			json.string(AUTHENTICATION_EXPIRES_ON, Long.toString(request.authenticationExpiresOn().getEpochSecond()));
		}
		if (request.claims().isEmpty()) {
			if (!request.roles().isEmpty()) {
				json.strings(ROLE, request.roles());
			}
		}
		else if (keepsNames(request)) {
			request.claims().forEach(json::strings);
			if (!request.roles().isEmpty()) {
				json.strings(ROLE, request.roles());
			}
		}
		else {
			userClaims(request).forEach(json::strings);
		}
	}

	/**
	 * Whether every claim travels under its own name, none merging with another: then the claims are written as they
	 * are, without building the map {@link #userClaims} builds.
	 */
	private static boolean keepsNames(ClientTokenRequest request) {
		Map<String, List<String>> claims = request.claims();
		if (!request.roles().isEmpty() && claims.containsKey(ROLE)) {
			return false;
		}
		for (String name : claims.keySet()) {
			if (RESERVED.contains(name) || (SUBJECT.equals(name) && claims.get(name).size() > 1)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The user's claims under the names they travel by. Two claims that end up with one name (say {@code aud} and
	 * {@code asrs.u.aud}, or {@code role} and the roles) merge into one array, as .NET's payload merges them.
	 */
	private static Map<String, List<String>> userClaims(ClientTokenRequest request) {
		Map<String, List<String>> claims = new LinkedHashMap<>();
		request.claims().forEach((name, values) -> {
			if (SUBJECT.equals(name)) {
				// The first subject is the user's name identifier to the service; any other is only a user claim.
				add(claims, SUBJECT, values.subList(0, 1));
				add(claims, USER_CLAIM_PREFIX + SUBJECT, values.subList(1, values.size()));
			}
			else {
				add(claims, RESERVED.contains(name) ? USER_CLAIM_PREFIX + name : name, values);
			}
		});
		add(claims, ROLE, request.roles());
		return claims;
	}

	private static void add(Map<String, List<String>> claims, String name, @Nullable List<String> values) {
		if (!values.isEmpty()) {
			claims.computeIfAbsent(name, (key) -> new ArrayList<>(values.size())).addAll(values);
		}
	}

}
