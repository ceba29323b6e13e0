package io.github.springsignalr.service.protocol;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Closes every connection in a group but the excluded ones ({@code [33, groupName, reason, ackId, excludedList, ext]}).
 *
 * @param groupName the group
 * @param reason why the connections are closed, given to the clients; {@code null} when none
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param excludedList connection ids that stay open
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record CloseGroupConnectionsWithAckMessage(String groupName, @Nullable String reason, int ackId,
		List<String> excludedList, @Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public CloseGroupConnectionsWithAckMessage {
		Objects.requireNonNull(groupName, "groupName");
		excludedList = List.copyOf(excludedList);
	}

	public CloseGroupConnectionsWithAckMessage(String groupName, String reason, int ackId, List<String> excludedList) {
		this(groupName, reason, ackId, excludedList, null);
	}

}
