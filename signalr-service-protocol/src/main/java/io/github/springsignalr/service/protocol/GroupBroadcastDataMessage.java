package io.github.springsignalr.service.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Hub messages for every connection in a group but the excluded ones ({@code [13, groupName, excludedList, payloads,
 * ext, excludedUserList, callerUserId]}).
 *
 * @param groupName the group
 * @param excludedList connection ids that do not get the message
 * @param payloads one framed hub message per hub protocol name (json, messagepack), in the order written; arrays not
 * copied
 * @param excludedUserList user ids whose connections do not get the message
 * @param callerUserId the user on whose behalf the server sends; {@code null} when none
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 * @param filter extension key 4, a subscriber filter; {@code null} when none
 */
public record GroupBroadcastDataMessage(String groupName, List<String> excludedList, Map<String, byte[]> payloads,
		List<String> excludedUserList, @Nullable String callerUserId, @Nullable Long tracingId,
		@Nullable String filter) implements ServiceMessage {

	public GroupBroadcastDataMessage {
		Objects.requireNonNull(groupName, "groupName");
		excludedList = List.copyOf(excludedList);
		payloads = ProtocolValues.payloads(payloads, "payloads");
		excludedUserList = List.copyOf(excludedUserList);
	}

	public GroupBroadcastDataMessage(String groupName, List<String> excludedList, Map<String, byte[]> payloads,
			List<String> excludedUserList) {
		this(groupName, excludedList, payloads, excludedUserList, null, null, null);
	}

	/**
	 * The payload for a hub protocol, its name ignoring case as the SDK's reader does; {@code null} when absent.
	 */
	public byte @Nullable [] payload(String protocol) {
		return ProtocolValues.lookup(this.payloads, protocol);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof GroupBroadcastDataMessage that && Objects.equals(this.groupName, that.groupName)
				&& Objects.equals(this.excludedList, that.excludedList)
				&& ProtocolValues.payloadsEqual(this.payloads, that.payloads)
				&& Objects.equals(this.excludedUserList, that.excludedUserList)
				&& Objects.equals(this.callerUserId, that.callerUserId)
				&& Objects.equals(this.tracingId, that.tracingId) && Objects.equals(this.filter, that.filter);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.groupName, this.excludedList, ProtocolValues.payloadsHash(this.payloads),
				this.excludedUserList, this.callerUserId, this.tracingId, this.filter);
	}

	@Override
	public String toString() {
		return "GroupBroadcastDataMessage[groupName=" + this.groupName + ", excludedList=" + this.excludedList
				+ ", payloads=" + ProtocolValues.describe(this.payloads) + ", excludedUserList=" + this.excludedUserList
				+ ", callerUserId=" + this.callerUserId + ", tracingId=" + this.tracingId + ", filter=" + this.filter
				+ "]";
	}

}
