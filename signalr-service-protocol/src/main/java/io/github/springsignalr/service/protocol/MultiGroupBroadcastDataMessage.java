package io.github.springsignalr.service.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Hub messages for every connection in any of several groups ({@code [14, groupList, payloads, ext]}).
 *
 * @param groupList the groups
 * @param payloads one framed hub message per hub protocol name (json, messagepack), in the order written; arrays not
 * copied
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 * @param filter extension key 4, a subscriber filter; {@code null} when none
 */
public record MultiGroupBroadcastDataMessage(List<String> groupList, Map<String, byte[]> payloads,
		@Nullable Long tracingId, @Nullable String filter) implements ServiceMessage {

	public MultiGroupBroadcastDataMessage {
		groupList = List.copyOf(groupList);
		payloads = ProtocolValues.payloads(payloads, "payloads");
	}

	public MultiGroupBroadcastDataMessage(List<String> groupList, Map<String, byte[]> payloads) {
		this(groupList, payloads, null, null);
	}

	/**
	 * The payload for a hub protocol, its name ignoring case as the SDK's reader does; {@code null} when absent.
	 */
	public byte @Nullable [] payload(String protocol) {
		return ProtocolValues.lookup(this.payloads, protocol);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MultiGroupBroadcastDataMessage that && Objects.equals(this.groupList, that.groupList)
				&& ProtocolValues.payloadsEqual(this.payloads, that.payloads)
				&& Objects.equals(this.tracingId, that.tracingId) && Objects.equals(this.filter, that.filter);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.groupList, ProtocolValues.payloadsHash(this.payloads), this.tracingId, this.filter);
	}

	@Override
	public String toString() {
		return "MultiGroupBroadcastDataMessage[groupList=" + this.groupList + ", payloads="
				+ ProtocolValues.describe(this.payloads) + ", tracingId=" + this.tracingId + ", filter=" + this.filter
				+ "]";
	}

}
