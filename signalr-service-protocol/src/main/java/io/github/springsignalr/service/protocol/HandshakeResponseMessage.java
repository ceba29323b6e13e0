package io.github.springsignalr.service.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The service's answer to a {@link HandshakeRequestMessage} ({@code [2, errorMessage, ext, connectionId]}).
 *
 * @param errorMessage why the service refused the connection; {@code null} or empty on success
 * @param connectionId the id the service gave this server connection, when it sends one
 */
public record HandshakeResponseMessage(@Nullable String errorMessage,
		@Nullable String connectionId) implements ServiceMessage {

	/**
	 * A successful handshake, as the SDK's default constructor makes it (error message {@code ""}).
	 */
	public HandshakeResponseMessage() {
		this("", null);
	}

	/**
	 * Whether the service accepted the connection: the SDK treats a null or empty error message as success.
	 */
	public boolean isSuccess() {
		return this.errorMessage == null || this.errorMessage.isEmpty();
	}

}
