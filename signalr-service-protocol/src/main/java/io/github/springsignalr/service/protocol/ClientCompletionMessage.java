package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A client's result of a {@link ClientInvocationMessage}, forwarded to the server that waits for it
 * ({@code [35, invocationId, connectionId, callerServerId, protocol, payload, ext]}). The SDK writes the protocol
 * twice, as an item and as extension key 3; the extension wins when both are read.
 *
 * @param invocationId the invocation's id
 * @param connectionId the client's connection id
 * @param callerServerId the id of the server waiting for the result
 * @param protocol the hub protocol the payload is in
 * @param payload the client's completion message, framed in its hub protocol; not copied
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record ClientCompletionMessage(String invocationId, String connectionId, String callerServerId,
		@Nullable String protocol, byte[] payload, @Nullable Long tracingId) implements ServiceMessage {

	public ClientCompletionMessage {
		Objects.requireNonNull(invocationId, "invocationId");
		Objects.requireNonNull(connectionId, "connectionId");
		Objects.requireNonNull(callerServerId, "callerServerId");
		Objects.requireNonNull(payload, "payload");
	}

	public ClientCompletionMessage(String invocationId, String connectionId, String callerServerId, String protocol,
			byte[] payload) {
		this(invocationId, connectionId, callerServerId, protocol, payload, null);
	}

	@Override
	public boolean equals(Object other) {
		return PayloadRecords.equals(this, other);
	}

	@Override
	public int hashCode() {
		return PayloadRecords.hashCode(this);
	}

	@Override
	public String toString() {
		return PayloadRecords.toString(this);
	}

}
