package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Removes a connection from a group; the service answers with an ack ({@code [19, connectionId, groupName, ackId,
 * ext]}).
 *
 * @param connectionId the client's connection id
 * @param groupName the group; the SDK reads it as nullable, *guess*: {@code null} means every group
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record LeaveGroupWithAckMessage(String connectionId, @Nullable String groupName, int ackId,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public LeaveGroupWithAckMessage {
		Objects.requireNonNull(connectionId, "connectionId");
	}

	public LeaveGroupWithAckMessage(String connectionId, String groupName, int ackId) {
		this(connectionId, groupName, ackId, null);
	}

}
