package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Removes a user from a group; the service answers with an ack ({@code [27, userId, groupName, ackId, ext]}).
 *
 * @param userId the user id
 * @param groupName the group; the SDK reads it as nullable, *guess*: {@code null} means every group
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record UserLeaveGroupWithAckMessage(String userId, @Nullable String groupName, int ackId,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public UserLeaveGroupWithAckMessage {
		Objects.requireNonNull(userId, "userId");
	}

	public UserLeaveGroupWithAckMessage(String userId, String groupName, int ackId) {
		this(userId, groupName, ackId, null);
	}

}
