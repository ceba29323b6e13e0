package io.github.springsignalr.keyvault;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.springsignalr.endpoint.ConnectionStringResolutionException;
import io.github.springsignalr.endpoint.ConnectionStringResolver;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ResolvedConnectionString;

/**
 * Resolves Key Vault references at start-up: a pinned reference to its version's value, a versionless one to the
 * value of the version the {@link SecretVersionSelector key-set rules} make active now. Versionless references are
 * remembered, with what was chosen, for the {@link KeyVaultSecretWatcher} to follow.
 */
public class KeyVaultConnectionStringResolver implements ConnectionStringResolver {

	private final KeyVaultSecrets secrets;

	private final Clock clock;

	private final Map<EndpointId, WatchedSecret> watched = new ConcurrentHashMap<>();

	public KeyVaultConnectionStringResolver(KeyVaultSecrets secrets, Clock clock) {
		this.secrets = secrets;
		this.clock = clock;
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
		}
		catch (InvalidKeyVaultReferenceException ex) {
			throw new ConnectionStringResolutionException("the Key Vault reference is invalid: " + ex.getMessage(),
					KeyVaultReference.EXAMPLE, ex);
		}
		if (!reference.isVersionless()) {
			String connectionString = fetch(reference, reference.version());
			return new ResolvedConnectionString(connectionString, describe(reference, reference.version()));
		}
		Instant now = this.clock.instant();
		List<SecretVersionProperties> versions;
		try {
			versions = this.secrets.versions(reference);
		}
		catch (RuntimeException ex) {
			throw failure(reference, "its versions could not be listed", ex);
		}
		if (versions.isEmpty()) {
			throw new ConnectionStringResolutionException(
					"Key Vault secret " + reference.secretId() + " does not exist (it has no version)", null, null);
		}
		SecretVersionProperties active = SecretVersionSelector.active(versions, now)
			.orElseThrow(() -> new ConnectionStringResolutionException("Key Vault secret " + reference.secretId()
					+ " has no valid version: " + versions.size() + " version(s), none enabled, activated and"
					+ " unexpired now", null, null));
		String connectionString = fetch(reference, active.version());
		this.watched.put(endpoint, new WatchedSecret(endpoint, reference, active.version(), versions));
		return new ResolvedConnectionString(connectionString, describe(reference, active.version()));
	}

	/**
	 * The versionless references resolved so far, by endpoint, with the version in use and the versions then listed.
	 */
	public Map<EndpointId, WatchedSecret> watched() {
		return Map.copyOf(this.watched);
	}

	private String fetch(KeyVaultReference reference, String version) {
		try {
			return this.secrets.value(reference, version);
		}
		catch (RuntimeException ex) {
			throw failure(reference, "version " + version + " could not be read", ex);
		}
	}

	private static ConnectionStringResolutionException failure(KeyVaultReference reference, String what,
			RuntimeException ex) {
		// The SDK's exception names the status and the service's error code; it never carries a secret's value.
		return new ConnectionStringResolutionException("Key Vault secret " + reference.secretId() + ": " + what + " ("
				+ KeyVaultSecretWatcher.summary(ex) + ")", null, ex);
	}

	static String describe(KeyVaultReference reference, String version) {
		return "Key Vault secret " + reference.secretName() + " (version " + version + ") in " + reference.vaultUri();
	}

	/**
	 * A versionless reference as start-up resolved it.
	 *
	 * @param endpoint the endpoint it configures
	 * @param reference the reference
	 * @param version the version in use
	 * @param versions the versions listed then
	 */
	public record WatchedSecret(EndpointId endpoint, KeyVaultReference reference, String version,
			List<SecretVersionProperties> versions) {

		public WatchedSecret {
			versions = List.copyOf(versions);
		}

	}

}
