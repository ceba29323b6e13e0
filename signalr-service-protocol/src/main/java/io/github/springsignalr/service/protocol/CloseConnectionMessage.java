package io.github.springsignalr.service.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A client connection ended, sent either way ({@code [5, connectionId, errorMessage, headers, ext]}).
 *
 * @param connectionId the client's connection id
 * @param errorMessage why it closed; {@code ""} for a normal close (the SDK turns {@code null} into {@code ""})
 * @param headers headers for the service, e.g. {@code Asrs-Migrate-To} when clients move to another server
 * @param tracingId extension key 1, unsigned; {@code null} when not traced
 */
public record CloseConnectionMessage(String connectionId, @Nullable String errorMessage, Map<String,
		List<String>> headers, @Nullable Long tracingId) implements ServiceMessage {

	public CloseConnectionMessage {
		Objects.requireNonNull(connectionId, "connectionId");
		errorMessage = Objects.requireNonNullElse(errorMessage, "");
		headers = ProtocolValues.headers(headers);
	}

	public CloseConnectionMessage(String connectionId) {
		this(connectionId, "", Map.of(), null);
	}

	public CloseConnectionMessage(String connectionId, String errorMessage) {
		this(connectionId, errorMessage, Map.of(), null);
	}

	@Override
	public String toString() {
		return "CloseConnectionMessage[connectionId=" + this.connectionId + ", errorMessage=" + this.errorMessage
				+ ", headers=" + ProtocolValues.names(this.headers) + ", tracingId=" + this.tracingId + "]";
	}

}
