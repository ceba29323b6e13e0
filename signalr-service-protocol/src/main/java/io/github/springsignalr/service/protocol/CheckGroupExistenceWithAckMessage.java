package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Asks whether a group has any connection; the ack's status answers ({@code [23, groupName, ackId, ext]}).
 *
 * @param groupName the group
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record CheckGroupExistenceWithAckMessage(String groupName, int ackId,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public CheckGroupExistenceWithAckMessage {
		Objects.requireNonNull(groupName, "groupName");
	}

	public CheckGroupExistenceWithAckMessage(String groupName, int ackId) {
		this(groupName, ackId, null);
	}

}
