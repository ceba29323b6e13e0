package io.github.springsignalr.service.protocol;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Hub messages for every connection of several users ({@code [9, userList, payloads, ext]}).
 *
 * @param userList the user ids
 * @param payloads one framed hub message per hub protocol name (json, messagepack), in the order written; arrays not
 * copied
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 * @param filter extension key 4, a subscriber filter; {@code null} when none
 */
public record MultiUserDataMessage(List<String> userList, Map<String, byte[]> payloads, @Nullable Long tracingId,
		@Nullable String filter) implements ServiceMessage, MultiPayloadDataMessage {

	public MultiUserDataMessage {
		userList = List.copyOf(userList);
		payloads = ProtocolValues.payloads(payloads, "payloads");
	}

	public MultiUserDataMessage(List<String> userList, Map<String, byte[]> payloads) {
		this(userList, payloads, null, null);
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
