package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Asks whether a user is in a group; the ack's status answers ({@code [21, userId, groupName, ackId, ext]}).
 *
 * @param userId the user id
 * @param groupName the group
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record CheckUserInGroupWithAckMessage(String userId, String groupName, int ackId,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public CheckUserInGroupWithAckMessage {
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(groupName, "groupName");
	}

	public CheckUserInGroupWithAckMessage(String userId, String groupName, int ackId) {
		this(userId, groupName, ackId, null);
	}

}
