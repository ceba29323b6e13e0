package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Asks for a page of a group's members (newer SDKs); the ack's payload answers. The extension map comes second, unlike
 * every other type ({@code [40, ext, groupName, ackId, max, continuationToken]}).
 *
 * @param groupName the group
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param max the most members to return
 * @param continuationToken where the previous page ended; {@code null} for the first
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record GroupMemberQueryMessage(String groupName, int ackId, int max, @Nullable String continuationToken,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public GroupMemberQueryMessage {
		Objects.requireNonNull(groupName, "groupName");
	}

	public GroupMemberQueryMessage(String groupName, int ackId, int max, String continuationToken) {
		this(groupName, ackId, max, continuationToken, null);
	}

}
