package io.github.springsignalr.keyvault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointKeyRefresher;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.keyvault.KeyVaultConnectionStringResolver.WatchedSecret;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 */
public class KeyVaultSecretWatcher implements EndpointKeyRefresher {

	private static final Log logger = LogFactory.getLog(KeyVaultSecretWatcher.class);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	private final KeyVaultSecrets secrets;

	private final ServiceEndpointRegistry registry;

	private final Duration interval;

	private final Clock clock;

	private final KeyRotationStatus rotationStatus;

	private final Map<EndpointId, SecretWatch> watches = new LinkedHashMap<>();

	private final AtomicLong rejectedValues = new AtomicLong();

	private final AtomicLong failedRefreshes = new AtomicLong();

	private volatile TaskScheduler scheduler;

	/**
	 * @param secrets the vault
	 * @param registry where changes go
	 * @param watched the versionless references resolved at start-up
	 * @param interval the refresh interval
	 * @param rotationStatus told of staged activations, or {@code null}
	 */
	public KeyVaultSecretWatcher(KeyVaultSecrets secrets, ServiceEndpointRegistry registry,
			Collection<WatchedSecret> watched, Duration interval, Clock clock, KeyRotationStatus rotationStatus) {
		this.secrets = secrets;
		this.registry = registry;
		this.interval = interval;
		this.clock = clock;
		this.rotationStatus = rotationStatus;
		Instant now = clock.instant();
		for (WatchedSecret secret : watched) {
			this.watches.put(secret.endpoint(), new SecretWatch(secret, now));
		}
	}

	/**
	 * Starts polling, and schedules the activations already staged.
	 */
	public void start(TaskScheduler scheduler) {
		this.scheduler = scheduler;
		for (SecretWatch watch : this.watches.values()) {
			synchronized (watch) {
				scheduleNextChange(watch, this.clock.instant());
			}
			schedulePoll(watch, this.interval);
		}
	}

	/**
	 * Stops polling and cancels staged activations.
	 */
	public void stop() {
		this.scheduler = null;
		for (SecretWatch watch : this.watches.values()) {
			synchronized (watch) {
				cancel(watch.poll);
				cancel(watch.activation);
				watch.poll = null;
				watch.activation = null;
			}
		}
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
		Instant requested = this.clock.instant();
		synchronized (watch) {
			if (watch.lastPollStart == null || watch.lastPollStart.isBefore(requested)) {
				poll(watch);
			}
		}
		return this.registry.find(id);
	}

	/**
	 * Values refused because they did not parse as connection strings, since start.
	 */
	public long rejectedValues() {
		return this.rejectedValues.get();
	}

	/**
	 * Polls and reads that failed (vault unreachable, refused, …), since start.
	 */
	public long failedRefreshes() {
		return this.failedRefreshes.get();
	}

	/**
	 * How every watched secret stands: the version in use, the last successful refresh, the last error.
	 */
	public List<SecretWatchStatus> status() {
		return this.watches.values().stream().map(SecretWatch::status).toList();
	}

	private void schedulePoll(SecretWatch watch, Duration delay) {
		TaskScheduler scheduler = this.scheduler;
		if (scheduler != null) {
			synchronized (watch) {
				watch.poll = scheduler.schedule(() -> pollAndReschedule(watch), this.clock.instant().plus(delay));
			}
		}
	}

	private void pollAndReschedule(SecretWatch watch) {
		boolean polled;
		int failures;
		synchronized (watch) {
			polled = poll(watch);
			failures = watch.consecutiveFailures;
		}
		schedulePoll(watch, polled ? this.interval : backOff(failures));
	}

	private Duration backOff(int failures) {
		Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
		return (delay.compareTo(this.interval) < 0) ? delay : this.interval;
	}

	/** Lists the versions and applies the active one. Called holding the watch's lock. */
	private boolean poll(SecretWatch watch) {
		watch.lastPollStart = this.clock.instant();
		try {
			watch.versions = this.secrets.versions(watch.reference);
		}
		catch (RuntimeException ex) {
			failed(watch, "its versions could not be listed", ex);
			return false;
		}
		watch.lastSuccess = this.clock.instant();
		watch.consecutiveFailures = 0;
		apply(watch, this.clock.instant());
		return true;
	}

	/** Makes the version active at {@code at} the endpoint's. Called holding the watch's lock. */
	private void apply(SecretWatch watch, Instant at) {
		Optional<SecretVersionProperties> active = SecretVersionSelector.active(watch.versions, at);
		if (active.isEmpty()) {
			if (!watch.noValidVersion) {
				watch.noValidVersion = true;
				logger.error("Key Vault secret " + watch.reference.secretId() + " of endpoint " + watch.endpoint
						+ " has no valid version (every enabled version is expired or not yet active): the endpoint is"
						+ " offline until a version is valid");
				// The key goes too: an expired key must sign nothing, and without a key no health check brings the
				// endpoint back online. The next valid version brings key and endpoint back together.
				updateRegistry(watch, (endpoint) -> endpoint.withAccessKey(null).withOnline(false));
			}
		}
		else if (!active.get().version().equals(watch.version) || watch.noValidVersion) {
			switchTo(watch, active.get().version());
		}
		scheduleNextChange(watch, at);
	}

	private void switchTo(SecretWatch watch, String version) {
		if (watch.rejectedVersions.contains(version)) {
			return;
		}
		String value = watch.prefetched.remove(version);
		if (value == null) {
			try {
				value = this.secrets.value(watch.reference, version);
			}
			catch (RuntimeException ex) {
				failed(watch, "version " + version + " could not be read", ex);
				return;
			}
		}
		ConnectionString connectionString;
		try {
			connectionString = ConnectionString.parse(value);
		}
		catch (RuntimeException ex) {
			// The parser's message names the key at fault, never a value.
			refuse(watch, version, ex.getMessage());
			return;
		}
		boolean wasDown = watch.noValidVersion;
		if (updateRegistry(watch, (endpoint) -> {
			ServiceEndpoint changed = endpoint.withConnectionString(connectionString);
			return wasDown ? changed.withOnline(true) : changed;
		})) {
			logger.info("Endpoint " + watch.endpoint + " now uses version " + version + " of Key Vault secret "
					+ watch.reference.secretId() + " (key " + this.registry.find(watch.endpoint)
						.map((endpoint) -> (endpoint.accessKey() != null) ? endpoint.accessKey().id() : "none")
						.orElse("none")
					+ ")");
			watch.version = version;
			watch.noValidVersion = false;
		}
		else {
			refuse(watch, version, "the registry refused it");
		}
	}

	private boolean updateRegistry(SecretWatch watch, UnaryOperator<ServiceEndpoint> change) {
		try {
			this.registry.update(watch.endpoint, change);
			return true;
		}
		catch (RuntimeException ex) {
			// The endpoint is gone, or the new string clashes with another endpoint: messages name endpoints only.
			logger.error("Could not apply Key Vault secret " + watch.reference.secretId() + " to endpoint "
					+ watch.endpoint + ": " + ex.getMessage());
			return false;
		}
	}

	private void refuse(SecretWatch watch, String version, String reason) {
		this.rejectedValues.incrementAndGet();
		watch.rejectedVersions.add(version);
		watch.lastError = "version " + version + " refused: " + reason;
		watch.lastErrorAt = this.clock.instant();
		logger.error("Refused version " + version + " of Key Vault secret " + watch.reference.secretId()
				+ " for endpoint " + watch.endpoint + ": it is not a valid connection string (" + reason
				+ "); keeping version " + watch.version);
	}

	private void failed(SecretWatch watch, String what, RuntimeException ex) {
		this.failedRefreshes.incrementAndGet();
		watch.consecutiveFailures++;
		watch.lastError = what + ": " + summary(ex);
		watch.lastErrorAt = this.clock.instant();
		logger.warn("Could not refresh Key Vault secret " + watch.reference.secretId() + " for endpoint "
				+ watch.endpoint + " (" + watch.consecutiveFailures + " consecutive failure(s)): " + watch.lastError
				+ "; keeping version " + watch.version + ", retrying in " + backOff(watch.consecutiveFailures));
	}

	/**
	 * Schedules the switch at the next activation or expiry, fetching the staged value now so that the switch itself
	 * is only a registry update. Called holding the watch's lock.
	 */
	private void scheduleNextChange(SecretWatch watch, Instant at) {
		cancel(watch.activation);
		watch.activation = null;
		watch.prefetched.clear();
		TaskScheduler scheduler = this.scheduler;
		Optional<Instant> next = SecretVersionSelector.nextChange(watch.versions, at);
		if (scheduler == null || next.isEmpty()) {
			unstage(watch);
			return;
		}
		Instant when = next.get();
		Optional<SecretVersionProperties> then = SecretVersionSelector.active(watch.versions, when);
		if (then.isPresent() && !then.get().version().equals(watch.version)) {
			String version = then.get().version();
			if (!watch.rejectedVersions.contains(version)) {
				try {
					watch.prefetched.put(version, this.secrets.value(watch.reference, version));
				}
				catch (RuntimeException ex) {
					// Read again at the switch.
					logger.debug("Could not read staged version " + version + " of " + watch.reference.secretId()
							+ " ahead of its activation: " + summary(ex));
				}
			}
			if (this.rotationStatus != null) {
				this.rotationStatus.stage(watch.endpoint,
						KeyVaultConnectionStringResolver.describe(watch.reference, version), when);
			}
		}
		else {
			unstage(watch);
		}
		watch.activation = scheduler.schedule(() -> activate(watch, when), when);
	}

	private void activate(SecretWatch watch, Instant when) {
		synchronized (watch) {
			Instant now = this.clock.instant();
			// The scheduler's clock and the wall clock may disagree by a hair: never evaluate before the instant.
			apply(watch, now.isBefore(when) ? when : now);
		}
	}

	private void unstage(SecretWatch watch) {
		if (this.rotationStatus != null) {
			this.rotationStatus.unstage(watch.endpoint);
		}
	}

	private static void cancel(ScheduledFuture<?> future) {
		if (future != null) {
			future.cancel(false);
		}
	}

	/**
	 * An exception in one line: its type and the first line of its message, which for the Azure SDK is the status
	 * and the service's error, never a secret's value.
	 */
	static String summary(Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage().lines().findFirst().orElse("") : "";
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

	/** One secret's state; guarded by its own monitor. */
	private static final class SecretWatch {

		final EndpointId endpoint;

		final KeyVaultReference reference;

		final Map<String, String> prefetched = new LinkedHashMap<>();

		final Set<String> rejectedVersions = new HashSet<>();

		String version;

		List<SecretVersionProperties> versions;

		Instant lastPollStart;

		Instant lastSuccess;

		String lastError;

		Instant lastErrorAt;

		int consecutiveFailures;

		boolean noValidVersion;

		ScheduledFuture<?> poll;

		ScheduledFuture<?> activation;

		SecretWatch(WatchedSecret secret, Instant resolvedAt) {
			this.endpoint = secret.endpoint();
			this.reference = secret.reference();
			this.version = secret.version();
			this.versions = secret.versions();
			this.lastSuccess = resolvedAt;
		}

		synchronized SecretWatchStatus status() {
			return new SecretWatchStatus(this.endpoint, this.reference, this.version, this.lastSuccess,
					this.lastError, this.lastErrorAt, this.consecutiveFailures, this.noValidVersion);
		}

		@Override
		public String toString() {
			return "SecretWatch[" + this.endpoint + ", " + this.reference + ", version=" + this.version + "]";
		}

	}

}
