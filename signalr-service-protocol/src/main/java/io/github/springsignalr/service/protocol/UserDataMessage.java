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
		@Nullable String filter) implements ServiceMessage {

	public UserDataMessage {
		Objects.requireNonNull(userId, "userId");
		payloads = ProtocolValues.payloads(payloads, "payloads");
	}

	public UserDataMessage(String userId, Map<String, byte[]> payloads) {
		this(userId, payloads, null, null);
	}

	/**
	 * The payload for a hub protocol, its name ignoring case as the SDK's reader does; {@code null} when absent.
	 */
	public byte @Nullable [] payload(String protocol) {
		return ProtocolValues.lookup(this.payloads, protocol);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof UserDataMessage that && Objects.equals(this.userId, that.userId)
				&& ProtocolValues.payloadsEqual(this.payloads, that.payloads)
				&& Objects.equals(this.tracingId, that.tracingId) && Objects.equals(this.filter, that.filter);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.userId, ProtocolValues.payloadsHash(this.payloads), this.tracingId, this.filter);
	}

	@Override
	public String toString() {
		return "UserDataMessage[userId=" + this.userId + ", payloads=" + ProtocolValues.describe(this.payloads)
				+ ", tracingId=" + this.tracingId + ", filter=" + this.filter + "]";
	}

}
