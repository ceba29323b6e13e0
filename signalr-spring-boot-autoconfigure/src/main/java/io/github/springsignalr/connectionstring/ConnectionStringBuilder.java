package io.github.springsignalr.connectionstring;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import static io.github.springsignalr.connectionstring.ConnectionStringKey.ACCESS_KEY;
import static io.github.springsignalr.connectionstring.ConnectionStringKey.AUTH_TYPE;
import static io.github.springsignalr.connectionstring.ConnectionStringKey.CLIENT_CERT_PATH;
import static io.github.springsignalr.connectionstring.ConnectionStringKey.CLIENT_ENDPOINT;
import static io.github.springsignalr.connectionstring.ConnectionStringKey.CLIENT_ID;
import static io.github.springsignalr.connectionstring.ConnectionStringKey.CLIENT_SECRET;
import static io.github.springsignalr.connectionstring.ConnectionStringKey.ENDPOINT;
import static io.github.springsignalr.connectionstring.ConnectionStringKey.PORT;
import static io.github.springsignalr.connectionstring.ConnectionStringKey.SERVER_ENDPOINT;
import static io.github.springsignalr.connectionstring.ConnectionStringKey.TENANT_ID;
import static io.github.springsignalr.connectionstring.ConnectionStringKey.VERSION;

/**
 * Writes connection strings, as the portal's connection string generator does:
 * <pre class="code">
 * String text = new ConnectionStringBuilder().endpoint("https://demo.service.signalr.net")
 * 	.authType(AuthType.AZURE_MSI)
 * 	.clientId("00000000-0000-0000-0000-000000000000")
 * 	.build();
 * // Endpoint=https://demo.service.signalr.net;AuthType=azure.msi;ClientId=00000000-…;Version=1.0;
 * </pre>
 * Every string it writes is valid: {@link #build()} refuses what the parser would refuse and checks its output by
 * parsing it. It is stricter than the parser: a value the chosen {@link AuthType} would ignore (an access key with
 * an Entra type, a tenant id with a managed identity, both a client secret and a certificate) is an error rather
 * than silently dropped, and a value that cannot be written unchanged (one holding {@code ;}, or with leading or
 * trailing blanks, which the parser would trim) is refused.
 * <p>
 * The certificate path is written as {@code ClientCert}, the key the .NET SDK reads, so that one string serves both
 * stacks; this library's parser reads {@code ClientCertPath} too.
 * <p>
 * Not thread-safe; {@link #toString()} never shows the access key or the client secret.
 */
public final class ConnectionStringBuilder {

	/** The {@code Version} written unless told otherwise, as the portal writes it. */
	public static final String DEFAULT_VERSION = "1.0";

	private @Nullable String endpoint;

	private @Nullable Integer port;

	private @Nullable String version = DEFAULT_VERSION;

	private @Nullable String clientEndpoint;

	private @Nullable String serverEndpoint;

	private AuthType authType = AuthType.ACCESS_KEY;

	private @Nullable String accessKey;

	private @Nullable String clientId;

	private @Nullable String tenantId;

	private @Nullable String clientSecret;

	private @Nullable String clientCertPath;

	/**
	 * A builder holding what a parsed connection string holds: building it again gives an equal
	 * {@link ConnectionString}. Its {@code Version} is the parsed one, none when the original had none.
	 */
	public static ConnectionStringBuilder from(ConnectionString connectionString) {
		return new ConnectionStringBuilder().endpoint(connectionString.endpoint())
			.version(connectionString.version())
			.clientEndpoint(connectionString.clientEndpoint())
			.serverEndpoint(connectionString.serverEndpoint())
			.authType(connectionString.authType())
			.accessKey(connectionString.accessKey())
			.clientId(connectionString.clientId())
			.tenantId(connectionString.tenantId())
			.clientSecret(connectionString.clientSecret())
			.clientCertPath(connectionString.clientCertPath());
	}

	/**
	 * The service's URL, such as {@code https://<resource>.service.signalr.net}; required.
	 */
	public ConnectionStringBuilder endpoint(@Nullable String endpoint) {
		this.endpoint = endpoint;
		return this;
	}

	/**
	 * The service's URL; required.
	 */
	public ConnectionStringBuilder endpoint(URI endpoint) {
		return endpoint((endpoint != null) ? endpoint.toString() : null);
	}

	/**
	 * The port that overrides the endpoint's, written as {@code Port}; {@code null} for none.
	 */
	public ConnectionStringBuilder port(Integer port) {
		this.port = port;
		return this;
	}

	/**
	 * The {@code Version}, {@value #DEFAULT_VERSION} unless set; {@code null} to write none.
	 */
	public ConnectionStringBuilder version(@Nullable String version) {
		this.version = version;
		return this;
	}

	/**
	 * Where clients connect instead of the endpoint (a reverse proxy, for example); {@code null} for none.
	 */
	public ConnectionStringBuilder clientEndpoint(@Nullable String clientEndpoint) {
		this.clientEndpoint = clientEndpoint;
		return this;
	}

	/**
	 * Where clients connect instead of the endpoint; {@code null} for none.
	 */
	public ConnectionStringBuilder clientEndpoint(URI clientEndpoint) {
		return clientEndpoint((clientEndpoint != null) ? clientEndpoint.toString() : null);
	}

	/**
	 * Where the application's own calls go instead of the endpoint; {@code null} for none.
	 */
	public ConnectionStringBuilder serverEndpoint(@Nullable String serverEndpoint) {
		this.serverEndpoint = serverEndpoint;
		return this;
	}

	/**
	 * Where the application's own calls go instead of the endpoint; {@code null} for none.
	 */
	public ConnectionStringBuilder serverEndpoint(URI serverEndpoint) {
		return serverEndpoint((serverEndpoint != null) ? serverEndpoint.toString() : null);
	}

	/**
	 * How the application authenticates; {@link AuthType#ACCESS_KEY} unless set.
	 */
	public ConnectionStringBuilder authType(AuthType authType) {
		this.authType = Objects.requireNonNull(authType, "authType");
		return this;
	}

	/**
	 * The access key, required with {@link AuthType#ACCESS_KEY} and refused with any other type.
	 */
	public ConnectionStringBuilder accessKey(@Nullable String accessKey) {
		this.accessKey = accessKey;
		return this;
	}

	/**
	 * The client id of a user-assigned managed identity ({@link AuthType#AZURE_MSI}, optional) or of an application
	 * ({@link AuthType#AZURE_APP}, required).
	 */
	public ConnectionStringBuilder clientId(@Nullable String clientId) {
		this.clientId = clientId;
		return this;
	}

	/**
	 * The application's tenant, required with {@link AuthType#AZURE_APP}.
	 */
	public ConnectionStringBuilder tenantId(@Nullable String tenantId) {
		this.tenantId = tenantId;
		return this;
	}

	/**
	 * The application's client secret: with {@link AuthType#AZURE_APP}, this or a certificate path.
	 */
	public ConnectionStringBuilder clientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
		return this;
	}

	/**
	 * The path of the application's certificate file: with {@link AuthType#AZURE_APP}, this or a client secret.
	 */
	public ConnectionStringBuilder clientCertPath(@Nullable String clientCertPath) {
		this.clientCertPath = clientCertPath;
		return this;
	}

	/**
	 * The connection string, ending in {@code ;} as the portal writes it.
	 * @throws InvalidConnectionStringException naming the key at fault when the values do not make a valid string
	 */
	public String build() {
		checkUsedByAuthType();
		StringBuilder text = new StringBuilder();
		append(text, ENDPOINT, required(ENDPOINT, this.endpoint,
				"the service's URL, such as https://<resource>.service.signalr.net"));
		append(text, PORT, (this.port != null) ? this.port.toString() : null);
		append(text, AUTH_TYPE, this.authType.connectionStringValue());
		append(text, ACCESS_KEY, this.accessKey);
		append(text, CLIENT_ID, this.clientId);
		append(text, TENANT_ID, this.tenantId);
		append(text, CLIENT_SECRET, this.clientSecret);
		// The .NET SDK reads only "ClientCert"; see the class's documentation.
		append(text, CLIENT_CERT_PATH, "ClientCert", this.clientCertPath);
		append(text, VERSION, this.version);
		append(text, CLIENT_ENDPOINT, this.clientEndpoint);
		append(text, SERVER_ENDPOINT, this.serverEndpoint);
		String result = text.toString();
		// The parser has the last word: whatever it refuses (a bad URI, port or version) is refused here too.
		ConnectionStringParser.parse(result);
		return result;
	}

	/**
	 * The parsed form of what {@link #build()} writes.
	 * @throws InvalidConnectionStringException naming the key at fault when the values do not make a valid string
	 */
	public ConnectionString toConnectionString() {
		return ConnectionStringParser.parse(build());
	}

	private void checkUsedByAuthType() {
		AuthType type = this.authType;
		String name = type.isEntra() ? "AuthType=" + type.connectionStringValue() : "an access key (no AuthType)";
		if (type == AuthType.ACCESS_KEY) {
			required(ACCESS_KEY, this.accessKey, "without an Entra AuthType, tokens are signed with it");
		}
		else {
			notUsed(ACCESS_KEY, this.accessKey, name);
		}
		if (type == AuthType.AZURE_APP) {
			required(CLIENT_ID, this.clientId, name + " needs the application's ClientId");
			required(TENANT_ID, this.tenantId, name + " needs the application's TenantId");
			if (this.clientSecret == null && this.clientCertPath == null) {
				throw new InvalidConnectionStringException(CLIENT_SECRET.documentedName(),
						"is missing; " + name + " needs ClientSecret or ClientCertPath");
			}
			if (this.clientSecret != null && this.clientCertPath != null) {
				throw new InvalidConnectionStringException(CLIENT_CERT_PATH.documentedName(),
						"is given beside ClientSecret; " + name + " takes one or the other");
			}
			return;
		}
		if (type != AuthType.AZURE_MSI) {
			notUsed(CLIENT_ID, this.clientId, name);
		}
		notUsed(TENANT_ID, this.tenantId, name);
		notUsed(CLIENT_SECRET, this.clientSecret, name);
		notUsed(CLIENT_CERT_PATH, this.clientCertPath, name);
	}

	private static String required(ConnectionStringKey key, @Nullable String value, String why) {
		if (value == null) {
			throw new InvalidConnectionStringException(key.documentedName(), "is required: " + why);
		}
		return value;
	}

	private static void notUsed(ConnectionStringKey key, @Nullable String value, String authType) {
		if (value != null) {
			throw new InvalidConnectionStringException(key.documentedName(), "is not used with " + authType
					+ "; leave it out");
		}
	}

	private static void append(StringBuilder text, ConnectionStringKey key, @Nullable String value) {
		append(text, key, key.documentedName(), value);
	}

	private static void append(StringBuilder text, ConnectionStringKey key, String name, @Nullable String value) {
		if (value == null) {
			return;
		}
		// A connection string has no escaping: a ';' would end the value, and surrounding blanks would be trimmed.
		if (value.isEmpty()) {
			throw new InvalidConnectionStringException(key.documentedName(), "is empty");
		}
		if (value.indexOf(';') >= 0) {
			throw new InvalidConnectionStringException(key.documentedName(),
					"holds a ';', which a connection string cannot carry");
		}
		if (!value.strip().equals(value)) {
			throw new InvalidConnectionStringException(key.documentedName(),
					"starts or ends with blanks, which a connection string would lose");
		}
		text.append(name).append('=').append(value).append(';');
	}

	/**
	 * Redacted: the access key and client secret appear only as {@code ***}.
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("ConnectionStringBuilder[endpoint=").append(this.endpoint);
		text.append(", authType=").append(this.authType);
		appendIfSet(text, "port", this.port);
		appendIfSet(text, "version", this.version);
		appendIfSet(text, "clientEndpoint", this.clientEndpoint);
		appendIfSet(text, "serverEndpoint", this.serverEndpoint);
		appendIfSet(text, "accessKey", (this.accessKey != null) ? "***" : null);
		appendIfSet(text, "clientId", this.clientId);
		appendIfSet(text, "tenantId", this.tenantId);
		appendIfSet(text, "clientSecret", (this.clientSecret != null) ? "***" : null);
		appendIfSet(text, "clientCertPath", this.clientCertPath);
		return text.append(']').toString();
	}

	private static void appendIfSet(StringBuilder text, String name, @Nullable Object value) {
		if (value != null) {
			text.append(", ").append(name).append('=').append(value);
		}
	}

}
