package io.github.springsignalr.service.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Closes every connection of the hub but the excluded ones; obsolete in the SDK, kept so that it can be read ({@code
 * [31, reason, ackId, excludedList, ext]}).
 *
 * @param reason why the connections are closed, given to the clients; {@code null} when none
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param excludedList connection ids that stay open
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record CloseConnectionsWithAckMessage(@Nullable String reason, int ackId, List<String> excludedList,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public CloseConnectionsWithAckMessage {
		excludedList = List.copyOf(excludedList);
	}

	public CloseConnectionsWithAckMessage(String reason, int ackId, List<String> excludedList) {
		this(reason, ackId, excludedList, null);
	}

}
