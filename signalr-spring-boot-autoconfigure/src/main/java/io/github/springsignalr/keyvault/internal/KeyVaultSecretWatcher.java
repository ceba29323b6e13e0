package io.github.springsignalr.keyvault.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.internal.EndpointKeyRefresher;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.entra.internal.EntraHostPolicy;
import io.github.springsignalr.keyvault.internal.KeyVaultConnectionStringResolver.WatchedSecret;
import io.github.springsignalr.keyvault.KeyVaultReference;
import io.github.springsignalr.keyvault.KeyVaultSecrets;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

/**
 * Follows the versionless Key Vault references that configure endpoints: lists each secret's versions every refresh
 * interval (when nothing changed that is all a poll costs: one list call per 25 versions, as Key Vault pages its
 * listing), applies the version the key-set rules make active to the registry in one atomic update, and switches to a
 * version staged with a future activation date at that instant, by a one-shot task, not at the next poll. A version's
 * value is read once: Key Vault never changes it.
 * <p>
 * Failures never take a working key away while it is valid: a value that does not parse is refused for good, counted
 * and left out of the key set; an unreachable vault keeps the last good key and is retried with back-off (logged when
 * the outage begins, every few minutes while it lasts, and when it ends), its last success and last error shown by
 * {@link #status()}. When no version is usable any more (expired, disabled, not yet active or refused), the endpoint
 * loses its key and is taken offline with an error.
 * <p>
 * It is also the {@link EndpointKeyRefresher}: a 401 from the service makes it poll that endpoint's secret at once.
 * Each secret's state and schedule is a {@link SecretWatch}; this class holds them and answers for all.
 */
public class KeyVaultSecretWatcher implements EndpointKeyRefresher {

	private final ServiceEndpointRegistry registry;

	private final Clock clock;

	private final Map<EndpointId, SecretWatch> watches = new LinkedHashMap<>();

	/**
	 * @param secrets the vault
	 * @param registry where changes go
	 * @param watched the versionless references resolved at start-up
	 * @param interval the refresh interval
	 * @param rotationStatus told of staged activations, or {@code null}
	 */
	public KeyVaultSecretWatcher(KeyVaultSecrets secrets, ServiceEndpointRegistry registry,
			Collection<WatchedSecret> watched, Duration interval, Clock clock, KeyRotationStatus rotationStatus) {
		this(secrets, registry, watched, interval, clock, rotationStatus, SignalRListener.NONE);
	}

	/**
	 * @param secrets the vault
	 * @param registry where changes go
	 * @param watched the versionless references resolved at start-up
	 * @param interval the refresh interval
	 * @param rotationStatus told of staged activations, or {@code null}
	 * @param listener told of failed refreshes and refused values
	 */
	public KeyVaultSecretWatcher(KeyVaultSecrets secrets, ServiceEndpointRegistry registry,
			Collection<WatchedSecret> watched, Duration interval, Clock clock, KeyRotationStatus rotationStatus,
			SignalRListener listener) {
		this(secrets, registry, watched, interval, clock, rotationStatus, listener, EntraHostPolicy.DEFAULT);
	}

	/**
	 * @param secrets the vault
	 * @param registry where changes go
	 * @param watched the versionless references resolved at start-up
	 * @param interval the refresh interval
	 * @param rotationStatus told of staged activations, or {@code null}
	 * @param listener told of failed refreshes and refused values
	 * @param hostPolicy where an Entra endpoint may send its token; a new version that would send it elsewhere is
	 * refused and the endpoint keeps the version it uses
	 */
	public KeyVaultSecretWatcher(KeyVaultSecrets secrets, ServiceEndpointRegistry registry,
			Collection<WatchedSecret> watched, Duration interval, Clock clock,
			@Nullable KeyRotationStatus rotationStatus, SignalRListener listener, EntraHostPolicy hostPolicy) {
		this.registry = registry;
		this.clock = clock;
		for (WatchedSecret secret : watched) {
			this.watches.put(secret.endpoint(),
					new SecretWatch(secret, secrets, registry, clock, rotationStatus, interval, listener, hostPolicy));
		}
	}

	/**
	 * Starts polling, and schedules the activations already staged.
	 */
	public void start(TaskScheduler scheduler) {
		this.watches.values().forEach((watch) -> watch.start(scheduler));
	}

	/**
	 * Stops polling and cancels staged activations.
	 */
	public void stop() {
		this.watches.values().forEach(SecretWatch::stop);
	}

	/**
	 * Polls the endpoint's secret now, unless a poll has started since this call was made (many calls failing at once
	 * cost one vault round trip).
	 */
	@Override
	public Optional<ServiceEndpoint> refresh(EndpointId id) {
		SecretWatch watch = this.watches.get(id);
		if (watch == null) {
			return Optional.empty();
		}
		watch.refresh(this.clock.instant());
		return this.registry.find(id);
	}

	/**
	 * Values refused because they did not parse as connection strings, since start.
	 */
	public long rejectedValues() {
		return this.watches.values().stream().mapToLong(SecretWatch::rejectedValues).sum();
	}

	/**
	 * Polls and reads that failed (vault unreachable, refused, …), since start.
	 */
	public long failedRefreshes() {
		return this.watches.values().stream().mapToLong(SecretWatch::failedRefreshes).sum();
	}

	/**
	 * How every watched secret stands: the version in use, the last successful refresh, the last error. Never waits
	 * for a poll in progress (it answers as things stood before it).
	 */
	public List<SecretWatchStatus> status() {
		return this.watches.values().stream().map(SecretWatch::status).toList();
	}

	/**
	 * An exception in one line: its type and the first line of its message, which for the Azure SDK is the status
	 * and the service's error, never a secret's value.
	 */
	static String summary(@Nullable Throwable ex) {
		String message = (ex.getMessage() != null) ? Secrets.redactedMessage(ex).lines().findFirst().orElse("") : "";
		if (message.length() > 300) {
			message = message.substring(0, 300) + "…";
		}
		return ex.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
	}

	/**
	 * How one watched secret stands.
	 *
	 * @param endpoint the endpoint it configures
	 * @param reference the reference
	 * @param version the version the endpoint signs with, or {@code null} while it has none from this secret
	 * @param keyId the id of that version's key, or {@code null}
	 * @param previousVersion the version before it, or {@code null}
	 * @param previousKeyId the id of that version's key, or {@code null}
	 * @param watchedSince when the watch began (start-up)
	 * @param lastSuccessfulRefresh when its versions were last listed and applied, start-up included; {@code null}
	 * when the vault has not answered since a start without it
	 * @param lastError the last failure or refusal, without any value, or {@code null}
	 * @param lastErrorAt when that was
	 * @param consecutiveFailures failed polls since the last success
	 * @param noValidVersion whether no version is usable (the endpoint is then offline)
	 * @param refusedVersions the versions refused because their value is not a valid connection string
	 */
	public record SecretWatchStatus(EndpointId endpoint, KeyVaultReference reference, @Nullable String version,
			@Nullable String keyId, @Nullable String previousVersion, @Nullable String previousKeyId,
			Instant watchedSince,
					Instant lastSuccessfulRefresh,
			String lastError, Instant lastErrorAt, int consecutiveFailures, boolean noValidVersion,
			List<String> refusedVersions) {

		public SecretWatchStatus {
			refusedVersions = List.copyOf(refusedVersions);
		}

		/**
		 * How old the key in use may be: the time since the last successful refresh (or since start-up, when there
		 * was none).
		 */
		public Duration staleness(Instant now) {
			return Duration.between((this.lastSuccessfulRefresh != null) ? this.lastSuccessfulRefresh
					: this.watchedSince, now);
		}

		/**
		 * The version a key came from, for a reader that took the key from a registry snapshot: the status is
		 * published before the registry changes, so the key seen there is this status's key or the one before.
		 * @param keyId the id of the key the reader saw, or {@code null} for none
		 * @return the version of that key, or {@link #version()} when neither matches
		 */
		public @Nullable String versionOf(String keyId) {
			if (Objects.equals(keyId, this.keyId)) {
				return this.version;
			}
			return Objects.equals(keyId, this.previousKeyId) ? this.previousVersion : this.version;
		}

	}

}
