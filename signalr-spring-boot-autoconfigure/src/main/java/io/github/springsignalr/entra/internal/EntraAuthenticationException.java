package io.github.springsignalr.entra.internal;

import io.github.springsignalr.endpoint.ServiceEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Microsoft Entra ID gave no token, or the service no temporary access key for one. The message names the endpoint,
 * its credential (type, client and tenant ids) and the cause, never a client secret, token or key.
 */
class EntraAuthenticationException extends RuntimeException {

	public EntraAuthenticationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * A failure of the credential. The cause is kept out of the chain and only its class and message quoted, with the
	 * endpoint's client secret masked should it appear there.
	 */
	static EntraAuthenticationException of(ServiceEndpoint endpoint, Throwable cause) {
		String secret = endpoint.connectionString().clientSecret();
		String reason = cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage());
		if (secret != null) {
			reason = reason.replace(secret, "***");
		}
		return new EntraAuthenticationException(
				"Could not get a Microsoft Entra token for " + EntraTokens.describe(endpoint) + ": " + reason, null);
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "no message";
		}
		int newLine = message.indexOf('\n');
		return (newLine < 0) ? message : message.substring(0, newLine);
	}

}
