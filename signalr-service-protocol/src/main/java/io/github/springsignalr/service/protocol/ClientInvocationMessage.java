package io.github.springsignalr.service.protocol;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A server invokes a method on a client and waits for its result (client results) ({@code [34, invocationId,
 * connectionId, callerServerId, payloads, ext]}).
 *
 * @param invocationId the invocation's id
 * @param connectionId the client's connection id
 * @param callerServerId the id of the server waiting for the result
 * @param payloads one framed hub message per hub protocol name (json, messagepack), in the order written; arrays not
 * copied
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 */
public record ClientInvocationMessage(String invocationId, String connectionId, String callerServerId, Map<String,
		byte[]> payloads, @Nullable Long tracingId) implements ServiceMessage, MultiPayloadDataMessage {

	public ClientInvocationMessage {
		Objects.requireNonNull(invocationId, "invocationId");
		Objects.requireNonNull(connectionId, "connectionId");
		Objects.requireNonNull(callerServerId, "callerServerId");
		payloads = ProtocolValues.payloads(payloads, "payloads");
	}

	public ClientInvocationMessage(String invocationId, String connectionId, String callerServerId, Map<String,
			byte[]> payloads) {
		this(invocationId, connectionId, callerServerId, payloads, null);
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
