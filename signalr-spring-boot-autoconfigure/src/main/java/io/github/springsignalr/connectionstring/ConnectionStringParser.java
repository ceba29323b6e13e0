package io.github.springsignalr.connectionstring;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
 * Parses connection strings as the service's .NET SDK does (its {@code ConnectionStringParser}): segments separated
 * by {@code ;}, each split on its first {@code =}, keys case-insensitive, keys and values trimmed, segments without
 * {@code =} and unknown keys ignored, a key given twice refused. Checks run in the SDK's order (duplicates,
 * {@code Endpoint}, {@code Version}, {@code Port}, {@code ClientEndpoint}, {@code ServerEndpoint}, then the
 * credentials), so the first error reported is the one .NET would report.
 * <p>
 * Only the keys the {@link AuthType} uses are kept: with an Entra type any {@code AccessKey} is ignored (the SDK
 * never reads it), without one the Entra keys are; {@code AuthType=azure} keeps no client id, as the SDK's default
 * credential chain ignores it. Where this parser is stricter than the SDK:
 * <ul>
 * <li>an unknown {@code AuthType} is refused (the SDK silently falls back to the access key);</li>
 * <li>an empty value of a key the chosen {@code AuthType} uses is refused (the SDK would fail later, at the first
 * token);</li>
 * <li>{@code ClientEndpoint} and {@code ServerEndpoint} may not carry a query or fragment (paths are appended to
 * them), and no endpoint may carry user information (it would end up in logs).</li>
 * </ul>
 * No message repeats the value of {@code AccessKey} or {@code ClientSecret}; other values are quoted only when they
 * are short and made of characters that cannot hide a secret, otherwise described by their length.
 */
final class ConnectionStringParser {

	static final String EXAMPLE = "Endpoint=https://<resource>.service.signalr.net;AccessKey=<key>;Version=1.0;";

	// The SDK's own pattern: it speaks version 1.x of the service's protocol.
	private static final Pattern VERSION_PATTERN = Pattern.compile("1\\.\\d+[\\w.-]*");

	// ASCII only: Integer.parseInt would also take other scripts' digits, which .NET's int.TryParse refuses.
	private static final Pattern PORT_PATTERN = Pattern.compile("[+-]?[0-9]{1,10}");

	// Short and plain enough to quote: a 43-character access key or a 40-character client secret never fits.
	private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z0-9._+-]{1,20}");

	private static final String ENTRA_TYPES = "azure, azure.msi or azure.app (or the legacy aad)";

	private static final String URI_EXAMPLE = "https://<resource>.service.signalr.net";

	private ConnectionStringParser() {
	}

	static ConnectionString parse(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidConnectionStringException(null, "the text is empty; expected " + EXAMPLE);
		}
		Map<ConnectionStringKey, String> values = split(text);
		URI endpoint = endpoint(values.get(ENDPOINT));
		String version = version(values.get(VERSION));
		endpoint = applyPort(endpoint, values.get(PORT));
		URI clientEndpoint = pathEndpoint(CLIENT_ENDPOINT, values.get(CLIENT_ENDPOINT));
		URI serverEndpoint = pathEndpoint(SERVER_ENDPOINT, values.get(SERVER_ENDPOINT));
		Credentials credentials = credentials(values);
		return new ConnectionString(endpoint, credentials.accessKey(), version, clientEndpoint, serverEndpoint,
				credentials.authType(), credentials.clientId(), credentials.tenantId(), credentials.clientSecret(),
				credentials.clientCertPath());
	}

	private static Map<ConnectionStringKey, String> split(String text) {
		Map<ConnectionStringKey, String> values = new EnumMap<>(ConnectionStringKey.class);
		Map<String, String> unknown = new HashMap<>();
		for (String segment : text.split(";")) {
			int equals = segment.indexOf('=');
			if (equals < 0) {
				// As the SDK does: a segment without '=' (empty, blank, or stray text) says nothing.
				continue;
			}
			String name = segment.substring(0, equals).strip();
			String value = segment.substring(equals + 1).strip();
			ConnectionStringKey key = ConnectionStringKey.fromName(name);
			if (key != null) {
				if (values.putIfAbsent(key, value) != null) {
					throw duplicate(key);
				}
			}
			else {
				String first = unknown.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
				if (first != null) {
					throw duplicateUnknown(first);
				}
			}
		}
		return values;
	}

	private static URI endpoint(@Nullable String value) {
		if (value == null) {
			throw invalid(ENDPOINT, "is missing; every connection string needs the service's URL, such as Endpoint="
					+ URI_EXAMPLE);
		}
		ParsedUri uri = httpUri(ENDPOINT, value);
		// The service is addressed by scheme, host and port only: a path, query or fragment is dropped, as in .NET.
		return toUri(uri.scheme(), uri.host(), uri.port(), "");
	}

	private static @Nullable String version(@Nullable String value) {
		if (value == null) {
			return null;
		}
		if (!VERSION_PATTERN.matcher(value).matches()) {
			throw invalid(VERSION, describe(value)
					+ " is not supported; the service speaks version 1.x (such as 1.0 or 1.1-preview)");
		}
		return value;
	}

	private static URI applyPort(URI endpoint, @Nullable String value) {
		if (value == null) {
			return endpoint;
		}
		long port = PORT_PATTERN.matcher(value).matches() ? Long.parseLong(value) : -1;
		if (port < 1 || port > 65535) {
			throw invalid(PORT, "must be a whole number from 1 to 65535, not " + describe(value));
		}
		return toUri(endpoint.getScheme(), endpoint.getHost(), (int) port, "");
	}

	private static @Nullable URI pathEndpoint(ConnectionStringKey key, @Nullable String value) {
		if (value == null) {
			return null;
		}
		ParsedUri uri = httpUri(key, value);
		if (uri.hasQueryOrFragment()) {
			throw invalid(key, "must not have a query or fragment, since request paths are appended to it (its value"
					+ " has " + value.length() + " characters)");
		}
		return toUri(uri.scheme(), uri.host(), uri.port(), uri.path());
	}

	private static ParsedUri httpUri(ConnectionStringKey key, String value) {
		if (Secrets.hasSecretShape(value)) {
			// Else a pasted key's first characters could pass for a host name and show wherever the endpoint does.
			throw invalid(key, "holds what looks like a key or token (a run of 32 or more base64 characters); the key "
					+ "belongs in AccessKey, and " + key.documentedName() + " is a URI such as " + URI_EXAMPLE);
		}
		String text = withoutTrailingSlashes(value);
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			// Not chained: the exception's message repeats the input, where a misplaced secret may sit.
			throw invalidUri(key, value, "is not a URI");
		}
		if (uri.getScheme() == null) {
			throw invalidUri(key, value, "is relative, with no scheme");
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			// A scheme is letters, digits, '+', '.' and '-' ending at the first ':'; neither an access key
			// (base64) nor an Entra client secret has a ':' before a secret part, so the scheme is safe to quote.
			throw invalid(key, "must be an absolute http or https URI, such as " + URI_EXAMPLE + "; the scheme "
					+ describe(uri.getScheme()) + " is not supported");
		}
		if (uri.getRawUserInfo() != null) {
			throw invalid(key, "must not carry user information (user:password@) before the host; the service "
					+ "authenticates with the connection string's credentials");
		}
		if (uri.getHost() == null) {
			throw invalidUri(key, value, "names no valid host (a host name, IPv4 or [IPv6] address, then :port)");
		}
		int port = uri.getPort();
		if (port == 0 || port > 65535) {
			throw invalid(key, "has a port outside 1 to 65535");
		}
		String path = withoutTrailingSlashes((uri.getRawPath() != null) ? uri.getRawPath() : "");
		return new ParsedUri(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, path,
				uri.getRawQuery() != null || uri.getRawFragment() != null);
	}

	private static Credentials credentials(Map<ConnectionStringKey, String> values) {
		String authType = values.get(AUTH_TYPE);
		if (authType == null) {
			String accessKey = values.get(ACCESS_KEY);
			if (accessKey == null) {
				throw invalid(ACCESS_KEY, "is missing; without AuthType, tokens are signed with the AccessKey. To use "
						+ "Microsoft Entra ID instead, set AuthType to azure, azure.msi or azure.app");
			}
			if (accessKey.isEmpty()) {
				throw invalid(ACCESS_KEY, "is empty; copy the key from the resource's Keys page");
			}
			return new Credentials(AuthType.ACCESS_KEY, accessKey, null, null, null, null);
		}
		String type = authType.toLowerCase(Locale.ROOT);
		return switch (type) {
			case "azure" -> new Credentials(AuthType.AZURE, null, null, null, null, null);
			case "azure.msi" -> managedIdentity(values);
			case "azure.app" -> application(type, values);
			// The SDK's legacy type: an application when both ids are given, else a managed identity.
			case "aad" -> (values.containsKey(CLIENT_ID) && values.containsKey(TENANT_ID)) ? application(type, values)
					: managedIdentity(values);
			default -> throw invalid(AUTH_TYPE, (authType.isEmpty() ? "is empty" : describe(authType) + " is unknown")
					+ "; use " + ENTRA_TYPES + ", or leave AuthType out to sign tokens with the AccessKey");
		};
	}

	private static Credentials managedIdentity(Map<ConnectionStringKey, String> values) {
		String clientId = values.get(CLIENT_ID);
		if (clientId != null && clientId.isEmpty()) {
			throw invalid(CLIENT_ID, "is empty; give the client id of a user-assigned managed identity, or leave "
					+ "ClientId out to use the system-assigned one");
		}
		return new Credentials(AuthType.AZURE_MSI, null, clientId, null, null, null);
	}

	private static Credentials application(String type, Map<ConnectionStringKey, String> values) {
		String needs = "AuthType=" + type + " needs the application's ClientId, TenantId, and ClientSecret or "
				+ "ClientCertPath";
		String clientId = required(values, CLIENT_ID, needs);
		String tenantId = required(values, TENANT_ID, needs);
		String clientSecret = values.get(CLIENT_SECRET);
		String clientCertPath = values.get(CLIENT_CERT_PATH);
		if (clientSecret != null) {
			if (clientSecret.isEmpty()) {
				throw invalid(CLIENT_SECRET, "is empty; " + needs);
			}
			// As the SDK does: the secret wins over a certificate given beside it.
			return new Credentials(AuthType.AZURE_APP, null, clientId, tenantId, clientSecret, null);
		}
		if (clientCertPath == null) {
			throw invalid(CLIENT_SECRET, "is missing; AuthType=" + type + " needs ClientSecret or ClientCertPath "
					+ "(the path of a certificate file, also accepted as ClientCert)");
		}
		if (clientCertPath.isEmpty()) {
			throw invalid(CLIENT_CERT_PATH, "is empty; give the path of the application's certificate file");
		}
		return new Credentials(AuthType.AZURE_APP, null, clientId, tenantId, null, clientCertPath);
	}

	private static String required(Map<ConnectionStringKey, String> values, ConnectionStringKey key, String needs) {
		String value = values.get(key);
		if (value == null || value.isEmpty()) {
			throw invalid(key, ((value == null) ? "is missing; " : "is empty; ") + needs);
		}
		return value;
	}

	private static String withoutTrailingSlashes(String text) {
		int end = text.length();
		while (end > 0 && text.charAt(end - 1) == '/') {
			end--;
		}
		return text.substring(0, end);
	}

	private static URI toUri(String scheme, String host, int port, String path) {
		StringBuilder text = new StringBuilder(scheme).append("://").append(host);
		// The scheme's own port is left out, as .NET's Uri prints it: http://aaa:80 is http://aaa.
		int defaultPort = scheme.equals("https") ? 443 : 80;
		if (port != -1 && port != defaultPort) {
			text.append(':').append(port);
		}
		return URI.create(text.append(path).toString());
	}

	/**
	 * A value as an error may show it: quoted when short and plain, else only its length.
	 */
	private static String describe(String value) {
		if (value.isEmpty()) {
			return "an empty value";
		}
		return QUOTABLE.matcher(value).matches() ? "'" + value + "'"
				: "the value of " + value.length() + " characters";
	}

	private static InvalidConnectionStringException invalid(ConnectionStringKey key, String reason) {
		return new InvalidConnectionStringException(key.documentedName(), reason);
	}

	private static InvalidConnectionStringException invalidUri(ConnectionStringKey key, String value,
			String problem) {
		return invalid(key, "must be an absolute http or https URI, such as " + URI_EXAMPLE + "; its value ("
				+ value.length() + " characters) " + problem);
	}

	private static InvalidConnectionStringException duplicate(ConnectionStringKey key) {
		String reason = (key == CLIENT_CERT_PATH)
				? "is given more than once (ClientCert and ClientCertPath are one key; keys ignore case)"
				: "is given more than once (keys ignore case)";
		return invalid(key, reason);
	}

	private static InvalidConnectionStringException duplicateUnknown(String name) {
		if (QUOTABLE.matcher(name).matches()) {
			return new InvalidConnectionStringException(name, "is given more than once (keys ignore case)");
		}
		String what = name.isEmpty() ? "more than one segment starts with '='"
				: "a key of " + name.length() + " characters is given more than once (keys ignore case)";
		return new InvalidConnectionStringException(null, what);
	}

	/**
	 * An http or https URI reduced to what the service needs, scheme and host lower-cased.
	 */
	/**
	 * An http or https URI reduced to what the service needs, scheme and host lower-cased, port {@code -1} when not
	 * given, path without trailing {@code /}.
	 */
	private record ParsedUri(String scheme, String host, int port, String path, boolean hasQueryOrFragment) {

	}

	private record Credentials(AuthType authType, @Nullable String accessKey, @Nullable String clientId,
			@Nullable String tenantId, @Nullable String clientSecret, @Nullable String clientCertPath) {

	}

}
