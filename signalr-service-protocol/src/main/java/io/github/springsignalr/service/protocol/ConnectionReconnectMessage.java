package io.github.springsignalr.service.protocol;

import java.util.Objects;

/**
 * Stateful reconnect of a client connection; the released SDK does not use it ({@code [38, connectionId, ext]}).
 *
 * @param connectionId the client's connection id
 */
public record ConnectionReconnectMessage(String connectionId) implements ServiceMessage {

	public ConnectionReconnectMessage {
		Objects.requireNonNull(connectionId, "connectionId");
	}

}
