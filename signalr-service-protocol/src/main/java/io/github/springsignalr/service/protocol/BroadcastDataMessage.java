package io.github.springsignalr.service.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Hub messages for every connection of the hub but the excluded ones ({@code [10, excludedList, payloads, ext]}).
 *
 * @param excludedList connection ids that do not get the message
 * @param payloads one framed hub message per hub protocol name (json, messagepack), in the order written; arrays not
 * copied
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 * @param filter extension key 4, a subscriber filter; {@code null} when none
 */
public record BroadcastDataMessage(List<String> excludedList, Map<String, byte[]> payloads, @Nullable Long tracingId,
		@Nullable String filter) implements ServiceMessage {

	public BroadcastDataMessage {
		excludedList = List.copyOf(excludedList);
		payloads = ProtocolValues.payloads(payloads, "payloads");
	}

	public BroadcastDataMessage(List<String> excludedList, Map<String, byte[]> payloads) {
		this(excludedList, payloads, null, null);
	}

	/**
	 * The payload for a hub protocol, its name ignoring case as the SDK's reader does; {@code null} when absent.
	 */
	public byte @Nullable [] payload(String protocol) {
		return ProtocolValues.lookup(this.payloads, protocol);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BroadcastDataMessage that && Objects.equals(this.excludedList, that.excludedList)
				&& ProtocolValues.payloadsEqual(this.payloads, that.payloads)
				&& Objects.equals(this.tracingId, that.tracingId) && Objects.equals(this.filter, that.filter);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.excludedList, ProtocolValues.payloadsHash(this.payloads), this.tracingId, this.filter);
	}

	@Override
	public String toString() {
		return "BroadcastDataMessage[excludedList=" + this.excludedList + ", payloads="
				+ ProtocolValues.describe(this.payloads) + ", tracingId=" + this.tracingId + ", filter=" + this.filter
				+ "]";
	}

}
