package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Asks whether a user has any connection; the ack's status answers ({@code [25, userId, ackId, ext]}).
 *
 * @param userId the user id
 * @param ackId the id the service's {@link AckMessage} repeats
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record CheckUserExistenceWithAckMessage(String userId, int ackId,
		@Nullable Long tracingId) implements ServiceMessage, AckableMessage {

	public CheckUserExistenceWithAckMessage {
		Objects.requireNonNull(userId, "userId");
	}

	public CheckUserExistenceWithAckMessage(String userId, int ackId) {
		this(userId, ackId, null);
	}

}
