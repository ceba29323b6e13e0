package io.github.springsignalr.entra.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.springsignalr.connectionstring.ConnectionString;
import org.jspecify.annotations.Nullable;

/**
 * Where a Microsoft Entra ID endpoint may send its bearer token and its temporary-key request. The token's scope,
 * {@code https://signalr.azure.com/.default}, makes it good for every SignalR resource the identity can reach, so it
 * goes only over https to a host of the service's clouds ({@code *.service.signalr.net}, {@code *.signalr.azure.cn},
 * {@code *.signalr.azure.us}), or to a host the application allows on purpose (an emulator, a private DNS name).
 * Loopback is no exception: a local emulator is allowed by name like any other host; plain http is accepted only
 * for a loopback host so allowed, where the token never leaves the machine.
 * <p>
 * Only the {@code Endpoint} and the {@code ServerEndpoint} are checked: they receive the token. Clients go to the
 * {@code ClientEndpoint} with a client token signed by the temporary key, never with the Entra token or the key.
 * Endpoints that sign with an access key are not concerned.
 * <p>
 * Free of azure-identity, so that start-up, reload and Key Vault can apply the one rule without that library.
 *
 * @param allowedHosts hosts allowed besides the service's: exact host names, or {@code *.suffix} patterns matching
 * any host below the suffix; compared without case
 */
public record EntraHostPolicy(@Nullable List<String> allowedHosts) {

	/** The DNS zones of the service's clouds (public, China, US Government). */
	public static final List<String> SERVICE_HOSTS = List.of("*.service.signalr.net", "*.signalr.azure.cn",
			"*.signalr.azure.us");

	/** The service's hosts only. */
	public static final EntraHostPolicy DEFAULT = new EntraHostPolicy(List.of());

	public EntraHostPolicy {
		allowedHosts = (allowedHosts != null) ? allowedHosts.stream()
			.map(String::strip)
			.filter((host) -> !host.isEmpty())
			.map((host) -> host.toLowerCase(Locale.ROOT))
			.toList() : List.of();
	}

	/**
	 * What is wrong with where a connection string would send its Entra token, or empty when nothing is (or when it
	 * does not use Microsoft Entra ID). The problem names the key and the host, which are no secret.
	 */
	public Optional<String> problem(ConnectionString connectionString) {
		if (connectionString.authType() == null || !connectionString.authType().isEntra()) {
			return Optional.empty();
		}
		Optional<String> endpoint = problem("Endpoint", connectionString.endpoint());
		return endpoint.isPresent() ? endpoint : problem("ServerEndpoint", connectionString.serverEndpoint());
	}

	/**
	 * Checks a connection string.
	 * @throws IllegalArgumentException with the {@link #problem} when its Entra token would go elsewhere
	 */
	public void check(ConnectionString connectionString) {
		problem(connectionString).ifPresent((problem) -> {
			throw new IllegalArgumentException(problem);
		});
	}

	private Optional<String> problem(String key, @Nullable URI uri) {
		if (uri == null) {
			return Optional.empty();
		}
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		boolean allowed = matchesAny(host, this.allowedHosts);
		if (!"https".equalsIgnoreCase(uri.getScheme()) && !(allowed && isLoopback(host))) {
			// Plain http only to a loopback host allowed by name (an emulator): the token never leaves the machine.
			return Optional.of(key + " uses " + uri.getScheme() + "; with AuthType=azure* the Microsoft Entra token "
					+ "is sent only over https (plain http only to a loopback host listed in "
					+ "azure.signalr.entra.allowed-hosts)");
		}
		if (allowed || matchesAny(host, SERVICE_HOSTS)) {
			return Optional.empty();
		}
		return Optional.of(key + " host " + host + " is not a host of Azure SignalR Service ("
				+ String.join(", ",
						SERVICE_HOSTS) + "); with AuthType=azure* the Microsoft Entra token, valid for every "
				+ "SignalR resource the identity can reach, is sent only there, unless the host is listed in "
				+ "azure.signalr.entra.allowed-hosts");
	}

	private static boolean isLoopback(String host) {
		return host.equals("localhost") || host.endsWith(".localhost") || host.matches("127(\\.[0-9]{1,3}){3}")
				|| host.equals("[::1]");
	}

	private static boolean matchesAny(String host, @Nullable List<String> patterns) {
		return !host.isEmpty() && patterns.stream().anyMatch((pattern) -> matches(host, pattern));
	}

	private static boolean matches(String host, String pattern) {
		if (pattern.startsWith("*.")) {
			String suffix = pattern.substring(1);
			return host.endsWith(suffix) && host.length() > suffix.length();
		}
		return host.equals(pattern);
	}

}
