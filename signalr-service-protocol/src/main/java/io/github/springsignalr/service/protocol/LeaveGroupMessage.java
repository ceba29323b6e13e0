package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Removes a connection from a group, without an answer ({@code [12, connectionId, groupName, ext]}).
 *
 * @param connectionId the client's connection id
 * @param groupName the group; the SDK reads it as nullable, *guess*: {@code null} means every group
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record LeaveGroupMessage(String connectionId, @Nullable String groupName,
		@Nullable Long tracingId) implements ServiceMessage {

	public LeaveGroupMessage {
		Objects.requireNonNull(connectionId, "connectionId");
	}

	public LeaveGroupMessage(String connectionId, String groupName) {
		this(connectionId, groupName, null);
	}

}
