package io.github.springsignalr.emulator.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What a token's {@code aud} must name for a request, compared as leniently as the SDKs' variations need: scheme and
 * host without regard to case, the port ignored (the .NET SDK leaves it out), a REST request's query ignored (the
 * .NET SDK includes {@code api-version}, the REST docs do not). A client token's {@code hub} must match the request's
 * hub, without regard to case.
 *
 * @param scheme the scheme the request came in on
 * @param hosts the host names the instance answers to, lower-cased: its own and the request's {@code Host}
 * @param path the decoded path: {@code /client/} for clients, {@code /server/} for server connections, the request's
 * path for REST
 * @param hub the hub a client or server token must name, or {@code null} for REST
 */
public record Audience(String scheme, Set<String> hosts, String path, @Nullable String hub) {

	private static final String CLIENT_PATH = "/client/";

	private static final String SERVER_PATH = "/server/";

	public Audience {
		hosts = hosts.stream().map((host) -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * The audience of a client token for {@code hub}: {@code {scheme}://{host}/client/?hub={hub}}.
	 */
	public static Audience client(String scheme, Set<String> hosts, @Nullable String hub) {
		return new Audience(scheme, hosts, CLIENT_PATH, hub);
	}

	/**
	 * The audience of a server connection's token for {@code hub}: {@code {scheme}://{host}/server/?hub={hub}}, as
	 * the .NET SDK writes it (no port, no {@code cid}).
	 */
	public static Audience server(String scheme, Set<String> hosts, @Nullable String hub) {
		return new Audience(scheme, hosts, SERVER_PATH, hub);
	}

	/**
	 * The audience of a REST token: the request's URL.
	 * @param path the request's decoded path
	 */
	public static Audience rest(String scheme, Set<String> hosts, String path) {
		return new Audience(scheme, hosts, path, null);
	}

	/**
	 * Whether a token's {@code aud} value names this audience.
	 */
	public boolean matches(String audience) {
		URI uri;
		try {
			uri = new URI(audience);
		}
		catch (URISyntaxException ex) {
			return false;
		}
		if (!this.scheme.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
				|| !this.hosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
			return false;
		}
		if (!withoutTrailingSlash(this.path).equalsIgnoreCase(withoutTrailingSlash(uri.getPath()))) {
			return false;
		}
		return this.hub == null || this.hub.equalsIgnoreCase(queryParameter(uri.getRawQuery(), "hub"));
	}

	private static String withoutTrailingSlash(String path) {
		return (path != null && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

	private static @Nullable String queryParameter(String rawQuery, String name) {
		if (rawQuery == null) {
			return null;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String key = (equals < 0) ? pair : pair.substring(0, equals);
			if (name.equalsIgnoreCase(key)) {
				return (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	@Override
	public String toString() {
		String host = this.hosts.stream().sorted().findFirst().orElse("?");
		return this.scheme + "://" + host + this.path + ((this.hub != null) ? "?hub=" + this.hub : "");
	}

}
