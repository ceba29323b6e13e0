package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Adds a connection to a group, without an answer ({@code [11, connectionId, groupName, ext]}).
 *
 * @param connectionId the client's connection id
 * @param groupName the group
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record JoinGroupMessage(String connectionId, String groupName,
		@Nullable Long tracingId) implements ServiceMessage {

	public JoinGroupMessage {
		Objects.requireNonNull(connectionId, "connectionId");
		Objects.requireNonNull(groupName, "groupName");
	}

	public JoinGroupMessage(String connectionId, String groupName) {
		this(connectionId, groupName, null);
	}

}
