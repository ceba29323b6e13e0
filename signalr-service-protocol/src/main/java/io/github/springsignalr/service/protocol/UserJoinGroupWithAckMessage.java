package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Adds a user to a group; the service answers with an ack ({@code [26, userId, groupName, ackId, ext]}).
 *
 * @param userId the user id
 * @param groupName the group
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param ttl extension key 2, seconds the membership lasts; {@code null} for ever
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record UserJoinGroupWithAckMessage(String userId, String groupName, int ackId, @Nullable Integer ttl,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public UserJoinGroupWithAckMessage {
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(groupName, "groupName");
	}

	public UserJoinGroupWithAckMessage(String userId, String groupName, int ackId) {
		this(userId, groupName, ackId, null, null);
	}

}
