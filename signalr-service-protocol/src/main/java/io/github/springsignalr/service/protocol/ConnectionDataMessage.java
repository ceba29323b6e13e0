package io.github.springsignalr.service.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Bytes of one client connection's hub protocol stream, either way ({@code [6, connectionId, payload, ext]}). From the
 * service, the first ones are the client's hub handshake; the stream is chunked however the sender read it, so a
 * payload may hold part of a hub message or several.
 *
 * @param connectionId the client's connection id
 * @param payload the bytes, not copied (see the package documentation)
 * @param tracingId extension key 1, unsigned; {@code null} when not traced
 * @param dataMessageType extension key 5: 0 unknown (not written), 1 handshake, 2 invocation, 3 other
 * @param partial extension key 6: whether the payload is part of a message (written only when true)
 */
public record ConnectionDataMessage(String connectionId, byte[] payload, @Nullable Long tracingId, int dataMessageType,
		boolean partial) implements ServiceMessage {

	public ConnectionDataMessage {
		Objects.requireNonNull(connectionId, "connectionId");
		Objects.requireNonNull(payload, "payload");
	}

	public ConnectionDataMessage(String connectionId, byte[] payload) {
		this(connectionId, payload, null, 0, false);
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
