package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A client invocation (see {@link ClientInvocationMessage}) failed ({@code [36, invocationId, connectionId,
 * callerServerId, error, ext]}).
 *
 * @param invocationId the invocation's id
 * @param connectionId the client's connection id
 * @param callerServerId the id of the server waiting for the result
 * @param error the error
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record ErrorCompletionMessage(String invocationId, String connectionId, String callerServerId,
		@Nullable String error, @Nullable Long tracingId) implements ServiceMessage {

	public ErrorCompletionMessage {
		Objects.requireNonNull(invocationId, "invocationId");
		Objects.requireNonNull(connectionId, "connectionId");
		Objects.requireNonNull(callerServerId, "callerServerId");
	}

	public ErrorCompletionMessage(String invocationId, String connectionId, String callerServerId, String error) {
		this(invocationId, connectionId, callerServerId, error, null);
	}

}
