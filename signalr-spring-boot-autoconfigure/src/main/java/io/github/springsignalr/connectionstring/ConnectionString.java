package io.github.springsignalr.connectionstring;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Azure SignalR Service connection string. Build one with {@link #parse(String)}, which validates it as
 * the service's own SDK does, or with a {@link ConnectionStringBuilder}.
 * <p>
 * Only what the {@link #authType() AuthType} uses is kept: an {@code AccessKey} given beside an Entra type is
 * ignored (recorded as {@code null}), as are the Entra keys without an {@code AuthType}.
 * <p>
 * Jackson (2 and 3, whose annotations are the same) never writes the access key or the client secret.
 *
 * @param endpoint the service endpoint: {@code scheme://host[:port]}, scheme and host lower-cased, default port
 * omitted, no path; {@code Port} already applied
 * @param accessKey the {@code AccessKey} text with {@link AuthType#ACCESS_KEY}, else {@code null}
 * @param version the {@code Version}, or {@code null} when absent
 * @param clientEndpoint the {@code ClientEndpoint}: scheme and host lower-cased, own port (default omitted) and path
 * kept, trailing {@code /} trimmed; {@code null} when absent
 * @param serverEndpoint the {@code ServerEndpoint}, normalised as {@code clientEndpoint}; {@code null} when absent
 * @param authType how the application authenticates
 * @param clientId the {@code ClientId} with {@link AuthType#AZURE_MSI} (a user-assigned identity) or
 * {@link AuthType#AZURE_APP}, else {@code null}
 * @param tenantId the {@code TenantId} with {@link AuthType#AZURE_APP}, else {@code null}
 * @param clientSecret the {@code ClientSecret} with {@link AuthType#AZURE_APP}, else {@code null}
 * @param clientCertPath the certificate path ({@code ClientCertPath} or {@code ClientCert}) with
 * {@link AuthType#AZURE_APP} and no {@code ClientSecret}, else {@code null}
 */
public record ConnectionString(URI endpoint, @JsonIgnore @Nullable String accessKey, @Nullable String version,
		@Nullable URI clientEndpoint, @Nullable URI serverEndpoint, AuthType authType, @Nullable String clientId,
		@Nullable String tenantId,
				@JsonIgnore @Nullable String clientSecret,
		@Nullable String clientCertPath) {

	// A GUID, or names of at most 32 plain characters between '/' or '\\': never a 40-character client secret, nor an
	// access key (it ends in '=').
	private static final Pattern SHOWN_AS_IS = Pattern.compile("[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}"
			+ "|([A-Za-z]:)?[/\\\\]?[A-Za-z0-9._ +-]{1,32}([/\\\\][A-Za-z0-9._ +-]{1,32})*[/\\\\]?");

	public ConnectionString {
		Objects.requireNonNull(endpoint, "endpoint");
		Objects.requireNonNull(authType, "authType");
	}

	/**
	 * Parses and validates a connection string.
	 * @throws InvalidConnectionStringException naming the key at fault
	 */
	public static ConnectionString parse(String text) {
		return ConnectionStringParser.parse(text);
	}

	/**
	 * Where clients connect: {@code ClientEndpoint} when given, else the endpoint.
	 */
	public URI effectiveClientEndpoint() {
		return (this.clientEndpoint != null) ? this.clientEndpoint : this.endpoint;
	}

	/**
	 * Where the application's REST calls go: {@code ServerEndpoint} when given, else the endpoint.
	 */
	public URI effectiveServerEndpoint() {
		return (this.serverEndpoint != null) ? this.serverEndpoint : this.endpoint;
	}

	/**
	 * The base of every token audience: {@code scheme://host}, port and path dropped, as the service checks it.
	 */
	public String audienceBase() {
		return this.endpoint.getScheme() + "://" + this.endpoint.getHost();
	}

	/**
	 * Redacted: the access key and client secret appear only as {@code ***}.
	 */
	@Override
	public String toString() {
		// Redacted, for a connection string built by hand: the parser refuses an endpoint holding a key.
		StringBuilder text = new StringBuilder("ConnectionString[endpoint=")
			.append(Secrets.redact(String.valueOf(this.endpoint)));
		text.append(", authType=").append(this.authType);
		if (this.accessKey != null) {
			text.append(", accessKey=***");
		}
		if (this.version != null) {
			text.append(", version=").append(this.version);
		}
		if (this.clientEndpoint != null) {
			text.append(", clientEndpoint=").append(Secrets.redact(String.valueOf(this.clientEndpoint)));
		}
		if (this.serverEndpoint != null) {
			text.append(", serverEndpoint=").append(Secrets.redact(String.valueOf(this.serverEndpoint)));
		}
		if (this.clientId != null) {
			text.append(", clientId=").append(shown(this.clientId));
		}
		if (this.tenantId != null) {
			text.append(", tenantId=").append(shown(this.tenantId));
		}
		if (this.clientSecret != null) {
			text.append(", clientSecret=***");
		}
		if (this.clientCertPath != null) {
			text.append(", clientCertPath=").append(shown(this.clientCertPath));
		}
		return text.append(']').toString();
	}

	/**
	 * An id or path as {@link #toString()} shows it: in full when it is a GUID, short and plain, or a path of short
	 * plain names, and not shaped as a key; else only its length, since a secret pasted into the wrong key must not
	 * show.
	 */
	private static String shown(String value) {
		return (SHOWN_AS_IS.matcher(value).matches() && !Secrets.hasSecretShape(value)) ? value
				: "(" + value.length() + " characters)";
	}

}
