package io.github.springsignalr.service.protocol;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Closes every connection of a user but the excluded ones ({@code [32, userId, reason, ackId, excludedList, ext]}).
 *
 * @param userId the user id
 * @param reason why the connections are closed, given to the clients; {@code null} when none
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param excludedList connection ids that stay open
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record CloseUserConnectionsWithAckMessage(String userId, @Nullable String reason, int ackId,
		List<String> excludedList, @Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public CloseUserConnectionsWithAckMessage {
		Objects.requireNonNull(userId, "userId");
		excludedList = List.copyOf(excludedList);
	}

	public CloseUserConnectionsWithAckMessage(String userId, String reason, int ackId, List<String> excludedList) {
		this(userId, reason, ackId, excludedList, null);
	}

}
