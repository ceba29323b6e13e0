package io.github.springsignalr.service.protocol;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The service's answer to an {@link AckableMessage} ({@code [20, ackId, status, message, ext]}, and newer SDKs'
 * sixth item, a payload).
 *
 * @param ackId the id of the message answered
 * @param status {@link #OK}, {@link #NOT_FOUND}, {@link #TIMEOUT} or {@link #INTERNAL_SERVER_ERROR}
 * @param message the service's description; {@code ""} when none (the SDK's default)
 * @param payload newer SDKs' sixth item (e.g. a page of group members); {@code null} leaves it out, the released
 * SDK's five-item form. Not copied
 */
public record AckMessage(int ackId, int status, @Nullable String message,
		byte @Nullable [] payload) implements ServiceMessage {

	/**
	 * The operation succeeded; for a check, the answer is yes.
	 */
	public static final int OK = 1;

	/**
	 * The object does not exist; for a check, the answer is no.
	 */
	public static final int NOT_FOUND = 2;

	/**
	 * The service timed out; the SDK raises a timeout.
	 */
	public static final int TIMEOUT = 3;

	/**
	 * The service failed; the SDK raises it as a timeout too.
	 */
	public static final int INTERNAL_SERVER_ERROR = 4;

	public AckMessage(int ackId, int status) {
		this(ackId, status, "", null);
	}

	public AckMessage(int ackId, int status, String message) {
		this(ackId, status, message, null);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AckMessage that && this.ackId == that.ackId && this.status == that.status
				&& Objects.equals(this.message, that.message) && Arrays.equals(this.payload, that.payload);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.ackId, this.status, this.message, Arrays.hashCode(this.payload));
	}

	@Override
	public String toString() {
		return "AckMessage[ackId=" + this.ackId + ", status=" + this.status + ", message=" + this.message
				+ ", payload=" + ProtocolValues.describe(this.payload) + "]";
	}

}
