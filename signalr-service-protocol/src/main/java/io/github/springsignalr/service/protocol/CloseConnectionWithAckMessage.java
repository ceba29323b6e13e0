package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Closes one connection; obsolete in the SDK (CloseConnection replaces it), kept so that it can be read ({@code [30,
 * connectionId, reason, ackId, ext]}).
 *
 * @param connectionId the client's connection id
 * @param reason why the connections are closed, given to the clients; {@code null} when none
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record CloseConnectionWithAckMessage(String connectionId, @Nullable String reason, int ackId,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public CloseConnectionWithAckMessage {
		Objects.requireNonNull(connectionId, "connectionId");
	}

	public CloseConnectionWithAckMessage(String connectionId, String reason, int ackId) {
		this(connectionId, reason, ackId, null);
	}

}
