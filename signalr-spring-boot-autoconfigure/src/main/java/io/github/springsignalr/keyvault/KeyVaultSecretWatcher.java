package io.github.springsignalr.keyvault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointKeyRefresher;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.keyvault.KeyVaultConnectionStringResolver.WatchedSecret;

import org.springframework.scheduling.TaskScheduler;

/**
 * Follows the versionless Key Vault references that configure endpoints: lists each secret's versions every refresh
 * interval (one list call when nothing changed), applies the version the key-set rules make active to the registry
 * in one atomic update, and switches to a version staged with a future activation date at that instant, by a one-shot
 * task, not at the next poll.
 * <p>
 * Failures never take a working key away: a value that does not parse is refused and counted, the last good key
 * stays; an unreachable vault keeps the last good key and is retried with back-off, its last success and last error
 * shown by {@link #status()}. When no version is valid any more, the endpoint loses its key and is taken offline with
 * an error.
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
		this.registry = registry;
		this.clock = clock;
		for (WatchedSecret secret : watched) {
			this.watches.put(secret.endpoint(),
					new SecretWatch(secret, secrets, registry, clock, rotationStatus, interval, listener));
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
	static String summary(Throwable ex) {
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
	 * @param version the version in use
	 * @param lastSuccessfulRefresh when its versions were last listed, or start-up
	 * @param lastError the last failure or refusal, without any value, or {@code null}
	 * @param lastErrorAt when that was
	 * @param consecutiveFailures failed polls since the last success
	 * @param noValidVersion whether no version is valid (the endpoint is then offline)
	 */
	public record SecretWatchStatus(EndpointId endpoint, KeyVaultReference reference, String version,
			Instant lastSuccessfulRefresh, String lastError, Instant lastErrorAt, int consecutiveFailures,
			boolean noValidVersion) {

		/**
		 * How old the key in use may be: the time since the last successful refresh.
		 */
		public Duration staleness(Instant now) {
			return Duration.between(this.lastSuccessfulRefresh, now);
		}

	}

}
