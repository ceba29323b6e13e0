package io.github.springsignalr.emulator.auth;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Who a valid token speaks for.
 *
 * @param userId the user id ({@code asrs.s.uid}, else {@code nameid}), or {@code null} for an anonymous connection
 * @param claims every claim of the token
 * @param principal the application a Microsoft Entra token speaks for, or {@code null} for a token signed with a key
 */
public record AuthenticatedUser(@Nullable String userId, Map<String, Object> claims,
		@Nullable EntraPrincipal principal) {

	public AuthenticatedUser {
		claims = Map.copyOf(claims);
	}

	public AuthenticatedUser(String userId, Map<String, Object> claims) {
		this(userId, claims, null);
	}

}
