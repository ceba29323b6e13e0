package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Adds a connection to a group; the service answers with an ack. The ASP.NET Core SDK sends this, never the plain
 * JoinGroup ({@code [18, connectionId, groupName, ackId, ext]}).
 *
 * @param connectionId the client's connection id
 * @param groupName the group
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record JoinGroupWithAckMessage(String connectionId, String groupName, int ackId,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public JoinGroupWithAckMessage {
		Objects.requireNonNull(connectionId, "connectionId");
		Objects.requireNonNull(groupName, "groupName");
	}

	public JoinGroupWithAckMessage(String connectionId, String groupName, int ackId) {
		this(connectionId, groupName, ackId, null);
	}

}
