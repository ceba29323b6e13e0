package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Removes a user from a group ({@code [17, userId, groupName, ext]}).
 *
 * @param userId the user id
 * @param groupName the group; the SDK reads it as nullable, *guess*: {@code null} means every group
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record UserLeaveGroupMessage(String userId, @Nullable String groupName,
		@Nullable Long tracingId) implements ServiceMessage {

	public UserLeaveGroupMessage {
		Objects.requireNonNull(userId, "userId");
	}

	public UserLeaveGroupMessage(String userId, String groupName) {
		this(userId, groupName, null);
	}

}
