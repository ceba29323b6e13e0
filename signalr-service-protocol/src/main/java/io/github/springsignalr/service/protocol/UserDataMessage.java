package io.github.springsignalr.service.protocol;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Hub messages for every connection of a user ({@code [8, userId, payloads, ext]}).
 *
 * @param userId the user id
 * @param payloads one framed hub message per hub protocol name (json, messagepack), in the order written; arrays not
 * copied
 * @param tracingId extension key 1, unsigned 64-bit; {@code null} when not traced
 * @param filter extension key 4, a subscriber filter; {@code null} when none
 */
public record UserDataMessage(String userId, Map<String, byte[]> payloads, @Nullable Long tracingId,
		@Nullable String filter) implements ServiceMessage, MultiPayloadDataMessage {

	public UserDataMessage {
		Objects.requireNonNull(userId, "userId");
		payloads = ProtocolValues.payloads(payloads, "payloads");
	}

	public UserDataMessage(String userId, Map<String, byte[]> payloads) {
		this(userId, payloads, null, null);
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
