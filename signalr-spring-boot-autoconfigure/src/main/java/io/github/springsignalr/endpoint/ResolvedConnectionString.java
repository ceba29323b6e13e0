package io.github.springsignalr.endpoint;

import java.util.Objects;

/**
 * What a {@link ConnectionStringResolver} fetched: the connection string, and where it came from for messages.
 *
 * @param connectionString the connection string's text; never logged
 * @param source where it came from, for messages (for example a Key Vault secret and version); holds no secret
 */
public record ResolvedConnectionString(String connectionString, String source) {

	public ResolvedConnectionString {
		Objects.requireNonNull(connectionString, "connectionString");
		Objects.requireNonNull(source, "source");
	}

	@Override
	public String toString() {
		return "ResolvedConnectionString[source=" + this.source + "]";
	}

}
