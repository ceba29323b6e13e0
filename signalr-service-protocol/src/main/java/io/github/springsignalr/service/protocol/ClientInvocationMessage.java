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
		byte[]> payloads, @Nullable Long tracingId) implements ServiceMessage {

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

	/**
	 * The payload for a hub protocol, its name ignoring case as the SDK's reader does; {@code null} when absent.
	 */
	public byte @Nullable [] payload(String protocol) {
		return ProtocolValues.lookup(this.payloads, protocol);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ClientInvocationMessage that && Objects.equals(this.invocationId, that.invocationId)
				&& Objects.equals(this.connectionId, that.connectionId)
				&& Objects.equals(this.callerServerId, that.callerServerId)
				&& ProtocolValues.payloadsEqual(this.payloads, that.payloads)
				&& Objects.equals(this.tracingId, that.tracingId);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.invocationId, this.connectionId, this.callerServerId,
				ProtocolValues.payloadsHash(this.payloads), this.tracingId);
	}

	@Override
	public String toString() {
		return "ClientInvocationMessage[invocationId=" + this.invocationId + ", connectionId=" + this.connectionId
				+ ", callerServerId=" + this.callerServerId + ", payloads=" + ProtocolValues.describe(this.payloads)
				+ ", tracingId=" + this.tracingId + "]";
	}

}
