package io.github.springsignalr.keyvault.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.springsignalr.endpoint.ConnectionStringResolutionException;
import io.github.springsignalr.endpoint.ConnectionStringResolver;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ResolvedConnectionString;
import io.github.springsignalr.keyvault.InvalidKeyVaultReferenceException;
import io.github.springsignalr.keyvault.KeyVaultReference;
import io.github.springsignalr.keyvault.KeyVaultSecrets;
import io.github.springsignalr.keyvault.SecretVersionProperties;
import io.github.springsignalr.keyvault.internal.SecretVersionValues.Chosen;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Resolves Key Vault references at start-up, refusing one whose vault is not among the {@link KeyVaultHosts allowed
 * hosts} before any call: a pinned reference to its version's value, a versionless one to the
 * value of the version the {@link SecretVersionSelector key-set rules} make active now, as the watcher would choose
 * it: a version whose value does not parse is refused (with a warning naming it) and the next valid one is used, so
 * that garbage written as the newest version does not stop new instances from starting. Versionless references are
 * remembered, with what was chosen and refused, for the {@link KeyVaultSecretWatcher} to follow.
 * <p>
 * A vault that fails is tried {@value #ATTEMPTS} times (the starter's client does not retry on its own), then
 * start-up fails; unless told not to fail fast, in which case a versionless reference makes its endpoint start
 * offline, without a key, and the watcher keeps trying.
 */
public class KeyVaultConnectionStringResolver implements ConnectionStringResolver {

	// The watcher's category, which operators know.
	private static final Log logger = LogFactory.getLog(KeyVaultSecretWatcher.class);

	static final int ATTEMPTS = 3;

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	private final KeyVaultSecrets secrets;

	private final Clock clock;

	private final boolean failFast;

	private final KeyVaultHosts hosts;

	private final Map<EndpointId, WatchedSecret> watched = new ConcurrentHashMap<>();

	public KeyVaultConnectionStringResolver(KeyVaultSecrets secrets, Clock clock) {
		this(secrets, clock, true);
	}

	/**
	 * @param failFast whether start-up fails when a versionless reference cannot be resolved; when {@code false} its
	 * endpoint starts offline and the watcher keeps trying
	 */
	public KeyVaultConnectionStringResolver(KeyVaultSecrets secrets, Clock clock, boolean failFast) {
		this(secrets, clock, failFast, KeyVaultHosts.azureOnly());
	}

	/**
	 * @param failFast whether start-up fails when a versionless reference cannot be resolved; when {@code false} its
	 * endpoint starts offline and the watcher keeps trying
	 * @param hosts the vaults a reference may name; a reference to another host is refused before any call
	 */
	public KeyVaultConnectionStringResolver(KeyVaultSecrets secrets, Clock clock, boolean failFast,
			KeyVaultHosts hosts) {
		this.secrets = secrets;
		this.clock = clock;
		this.failFast = failFast;
		this.hosts = hosts;
	}

	@Override
	public boolean canResolve(String value) {
		return KeyVaultReference.isReference(value);
	}

	@Override
	public ResolvedConnectionString resolve(EndpointId endpoint, String value) {
		KeyVaultReference reference;
		try {
			reference = KeyVaultReference.parse(value);
			this.hosts.check(reference);
		}
		catch (InvalidKeyVaultReferenceException ex) {
			throw new ConnectionStringResolutionException("the Key Vault reference is invalid: " + ex.getMessage(),
					KeyVaultReference.EXAMPLE, ex);
		}
		if (!reference.isVersionless()) {
			String connectionString = fetch(reference, reference.version());
			return new ResolvedConnectionString(connectionString, describe(reference, reference.version()));
		}
		try {
			return resolveVersionless(endpoint, reference);
		}
		catch (ConnectionStringResolutionException ex) {
			if (this.failFast) {
				throw ex;
			}
			logger.warn("Endpoint " + endpoint + " starts offline, without a key: " + ex.getMessage()
					+ "; it is retried with back-off and comes online once a valid version can be read"
					+ " (azure.signalr.key-vault.fail-fast=false)");
			this.watched.put(endpoint,
					new WatchedSecret(endpoint, reference, null, List.of(), Map.of(), ex.getMessage()));
			return ResolvedConnectionString.unavailable(placeholder(reference), describe(reference, null));
		}
	}

	private ResolvedConnectionString resolveVersionless(EndpointId endpoint, KeyVaultReference reference) {
		Instant now = this.clock.instant();
		List<SecretVersionProperties> versions = withRetries(reference, "its versions could not be listed",
				() -> this.secrets.versions(reference));
		if (versions.isEmpty()) {
			throw new ConnectionStringResolutionException(
					"Key Vault secret " + reference.secretId() + " does not exist (it has no version)", null, null);
		}
		SecretVersionValues values = new SecretVersionValues(this.secrets, reference);
		Optional<Chosen> chosen = withRetries(reference, "a version could not be read", () -> {
			try {
				return values.choose(versions, now, (version, reason) -> logger.warn("Skipped version " + version
						+ " of Key Vault secret " + reference.secretId() + " for endpoint " + endpoint
						+ ": it is not a valid connection string (" + reason + "); starting on the newest valid"
						+ " version instead"));
			}
			catch (SecretVersionValues.UnreadableVersionException ex) {
				throw (RuntimeException) ex.getCause();
			}
		});
		Map<String, String> refused = new LinkedHashMap<>(values.refused());
		if (chosen.isEmpty()) {
			throw new ConnectionStringResolutionException("Key Vault secret " + reference.secretId()
					+ " has no usable version: " + versions.size() + " version(s), none enabled, activated, unexpired"
					+ " and valid now" + (refused.isEmpty() ? ""
							: "; refused: " + refused.entrySet()
								.stream()
								.map((entry) -> "version " + entry.getKey() + " (" + entry.getValue() + ")")
								.collect(Collectors.joining(", "))),
					null, null);
		}
		String version = chosen.get().version();
		this.watched.put(endpoint, new WatchedSecret(endpoint, reference, version, versions, refused, null));
		// The value as read, which the endpoint parses again as it does any connection string.
		return new ResolvedConnectionString(chosen.get().text(), describe(reference, version));
	}

	/**
	 * The versionless references resolved so far, by endpoint, with the version in use and the versions then listed.
	 */
	public Map<EndpointId, WatchedSecret> watched() {
		return Map.copyOf(this.watched);
	}

	private String fetch(KeyVaultReference reference, @Nullable String version) {
		return withRetries(reference, "version " + version + " could not be read",
				() -> this.secrets.value(reference, version));
	}

	/**
	 * Runs a call to the vault, trying again after 1 s and 2 s when it fails, except when a permission is missing:
	 * asking again does not grant it.
	 */
	private <T> T withRetries(KeyVaultReference reference, String what, Supplier<T> call) {
		Duration delay = FIRST_RETRY;
		for (int attempt = 1;; attempt++) {
			try {
				return call.get();
			}
			catch (SecretAccessDeniedException ex) {
				throw new ConnectionStringResolutionException("Key Vault secret " + reference.secretId() + ": " + what
						+ ": " + ex.getMessage(), null, ex);
			}
			catch (RuntimeException ex) {
				if (attempt >= ATTEMPTS) {
					throw failure(reference, what + " (" + attempt + " attempts)", ex);
				}
				logger.debug("Key Vault secret " + reference.secretId() + ": " + what + " ("
						+ KeyVaultSecretWatcher.summary(ex) + "); trying again in " + delay);
				sleep(delay);
				delay = delay.multipliedBy(2);
			}
		}
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to try Key Vault again", ex);
		}
	}

	private static ConnectionStringResolutionException failure(KeyVaultReference reference, String what,
			RuntimeException ex) {
		// The SDK's exception names the status and the service's error code; it never carries a secret's value.
		return new ConnectionStringResolutionException("Key Vault secret " + reference.secretId() + ": " + what + " ("
				+ KeyVaultSecretWatcher.summary(ex) + ")", null, ex);
	}

	/**
	 * Where an endpoint started without the vault points until its secret is read: a host under {@code .invalid},
	 * which never resolves (RFC 2606), made of the secret's name and vault so that two such endpoints do not clash.
	 */
	private static URI placeholder(KeyVaultReference reference) {
		return URI.create("https://" + reference.secretName().toLowerCase(Locale.ROOT) + "."
				+ reference.vaultUri().getHost() + ".invalid");
	}

	static String describe(KeyVaultReference reference, @Nullable String version) {
		return "Key Vault secret " + reference.secretName() + " (version "
				+ ((version != null) ? version : "not read yet") + ") in " + reference.vaultUri();
	}

	/**
	 * A versionless reference as start-up resolved it.
	 *
	 * @param endpoint the endpoint it configures
	 * @param reference the reference
	 * @param version the version in use, or {@code null} when start-up went on without it
	 * @param versions the versions listed then
	 * @param refused the versions refused then, with why (no value)
	 * @param unavailable why start-up went on without the secret (the endpoint is offline), or {@code null}
	 */
	public record WatchedSecret(EndpointId endpoint, KeyVaultReference reference, @Nullable String version,
			List<SecretVersionProperties> versions, Map<String, String> refused, @Nullable String unavailable) {

		public WatchedSecret {
			versions = List.copyOf(versions);
			refused = new LinkedHashMap<>(refused);
		}

		/**
		 * A reference resolved to {@code version}, nothing refused.
		 */
		public WatchedSecret(EndpointId endpoint, KeyVaultReference reference, String version,
				List<SecretVersionProperties> versions) {
			this(endpoint, reference, version, versions, Map.of(), null);
		}

		@Override
		public Map<String, String> refused() {
			return Collections.unmodifiableMap(this.refused);
		}

	}

}
