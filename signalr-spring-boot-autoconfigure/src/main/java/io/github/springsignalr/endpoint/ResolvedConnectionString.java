package io.github.springsignalr.endpoint;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link ConnectionStringResolver} fetched: the connection string, and where it came from for messages; or,
 * when the application was told to start without its source, only a placeholder endpoint: the endpoint then starts
 * offline, without a key, until whoever follows the source brings one.
 *
 * @param connectionString the connection string's text, never logged; {@code null} when unavailable
 * @param source where it came from, for messages (for example a Key Vault secret and version); holds no secret
 * @param unavailableEndpoint the placeholder endpoint of a connection string that could not be fetched, else
 * {@code null}
 */
public record ResolvedConnectionString(String connectionString, String source, @Nullable URI unavailableEndpoint) {

	public ResolvedConnectionString {
		Objects.requireNonNull(source, "source");
		if ((connectionString == null) == (unavailableEndpoint == null)) {
			throw new IllegalArgumentException("Either a connection string or a placeholder endpoint, not both");
		}
	}

	public ResolvedConnectionString(String connectionString, String source) {
		this(Objects.requireNonNull(connectionString, "connectionString"), source, null);
	}

	/**
	 * A connection string that could not be fetched, its endpoint to start offline at a placeholder address.
	 */
	public static ResolvedConnectionString unavailable(URI placeholder, String source) {
		return new ResolvedConnectionString(null, source, Objects.requireNonNull(placeholder, "placeholder"));
	}

	/**
	 * Whether the connection string was fetched.
	 */
	public boolean isAvailable() {
		return this.connectionString != null;
	}

	@Override
	public String toString() {
		return "ResolvedConnectionString[source=" + this.source + (isAvailable() ? "" : ", unavailable") + "]";
	}

}
