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
		@Nullable String filter) implements ServiceMessage, MultiPayloadDataMessage {

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
