package io.github.springsignalr.service.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A server authenticated with Microsoft Entra ID asks the service for a temporary access key
 * ({@code [28, token, kid, ext]}).
 *
 * @param token the Entra ID access token; never printed
 * @param kid the id of the key asked for; {@code null} when none
 */
public record AccessKeyRequestMessage(@Nullable String token, @Nullable String kid) implements ServiceMessage {

	/**
	 * Whether a token is set, never the token.
	 */
	@Override
	public String toString() {
		return "AccessKeyRequestMessage[token=" + ((this.token != null) ? "(redacted)" : "null") + ", kid=" + this.kid
				+ "]";
	}

}
