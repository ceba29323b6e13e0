package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Adds a user (all of its connections, now and later) to a group ({@code [16, userId, groupName, ext]}).
 *
 * @param userId the user id
 * @param groupName the group
 * @param ttl extension key 2, seconds the membership lasts; {@code null} for ever
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record UserJoinGroupMessage(String userId, String groupName, @Nullable Integer ttl,
		@Nullable Long tracingId) implements ServiceMessage {

	public UserJoinGroupMessage {
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(groupName, "groupName");
	}

	public UserJoinGroupMessage(String userId, String groupName) {
		this(userId, groupName, null, null);
	}

}
