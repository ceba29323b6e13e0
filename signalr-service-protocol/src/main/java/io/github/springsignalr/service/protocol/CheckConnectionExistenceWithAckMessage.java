package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Asks whether a connection exists; the ack's status answers ({@code [24, connectionId, ackId, ext]}).
 *
 * @param connectionId the client's connection id
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record CheckConnectionExistenceWithAckMessage(String connectionId, int ackId,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public CheckConnectionExistenceWithAckMessage {
		Objects.requireNonNull(connectionId, "connectionId");
	}

	public CheckConnectionExistenceWithAckMessage(String connectionId, int ackId) {
		this(connectionId, ackId, null);
	}

}
