package io.github.springsignalr.service.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Hub messages for several client connections ({@code [7, connectionList, payloads, ext]}).
 *
 * @param connectionList the connection ids
 * @param payloads one framed hub message per hub protocol name (json, messagepack), in the order written; arrays not
 * copied
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 * @param filter extension key 4, a subscriber filter; {@code null} when none
 */
public record MultiConnectionDataMessage(List<String> connectionList, Map<String, byte[]> payloads,
		@Nullable Long tracingId, @Nullable String filter) implements ServiceMessage {

	public MultiConnectionDataMessage {
		connectionList = List.copyOf(connectionList);
		payloads = ProtocolValues.payloads(payloads, "payloads");
	}

	public MultiConnectionDataMessage(List<String> connectionList, Map<String, byte[]> payloads) {
		this(connectionList, payloads, null, null);
	}

	/**
	 * The payload for a hub protocol, its name ignoring case as the SDK's reader does; {@code null} when absent.
	 */
	public byte @Nullable [] payload(String protocol) {
		return ProtocolValues.lookup(this.payloads, protocol);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MultiConnectionDataMessage that
				&& Objects.equals(this.connectionList, that.connectionList)
				&& ProtocolValues.payloadsEqual(this.payloads, that.payloads)
				&& Objects.equals(this.tracingId, that.tracingId) && Objects.equals(this.filter, that.filter);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.connectionList, ProtocolValues.payloadsHash(this.payloads), this.tracingId,
				this.filter);
	}

	@Override
	public String toString() {
		return "MultiConnectionDataMessage[connectionList=" + this.connectionList + ", payloads="
				+ ProtocolValues.describe(this.payloads) + ", tracingId=" + this.tracingId + ", filter=" + this.filter
				+ "]";
	}

}
