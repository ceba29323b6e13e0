package io.github.springsignalr.upstream;

/**
 * Thrown by a {@link SignalRMessage} method to fail the invocation with a message the client sees, as ASP.NET Core
 * SignalR's {@code HubException} does. Write nothing in it that the client may not read.
 */
public class SignalRHubException extends RuntimeException {

	public SignalRHubException(String message) {
		super(message);
	}

	public SignalRHubException(String message, Throwable cause) {
		super(message, cause);
	}

}
