package io.github.springsignalr.service.protocol;

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
