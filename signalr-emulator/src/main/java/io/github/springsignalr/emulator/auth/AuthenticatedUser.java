package io.github.springsignalr.emulator.auth;

import java.util.Map;

/**
 * Who a valid token speaks for.
 *
 * @param userId the user id ({@code asrs.s.uid}, else {@code nameid}), or {@code null} for an anonymous connection
 * @param claims every claim of the token
 */
public record AuthenticatedUser(String userId, Map<String, Object> claims) {

	public AuthenticatedUser {
		claims = Map.copyOf(claims);
	}

}
