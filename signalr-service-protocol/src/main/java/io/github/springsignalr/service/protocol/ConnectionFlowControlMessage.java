package io.github.springsignalr.service.protocol;

import java.util.Objects;

/**
 * Pauses or resumes a connection (newer SDKs). Both numbers are written as fixed 32-bit integers ({@code d2}), the one
 * exception to the shortest form ({@code [39, connectionId, connectionType, operation, ext]}).
 *
 * @param connectionId the client's connection id
 * @param connectionType 1 client, 2 server, as the SDK's test vectors encode them (the spec's prose says 0 and 1)
 * @param operation 1 pause, 2 pause ack, 3 resume, 4 offline
 */
public record ConnectionFlowControlMessage(String connectionId, int connectionType,
		int operation) implements ServiceMessage {

	public ConnectionFlowControlMessage {
		Objects.requireNonNull(connectionId, "connectionId");
	}

}
