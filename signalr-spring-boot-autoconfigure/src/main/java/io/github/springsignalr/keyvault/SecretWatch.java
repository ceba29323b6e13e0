package io.github.springsignalr.keyvault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import io.github.springsignalr.connectionstring.KnownSecrets;
import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.endpoint.SignalRListener.KeyRefreshFailure;
import io.github.springsignalr.keyvault.KeyVaultConnectionStringResolver.WatchedSecret;
import io.github.springsignalr.keyvault.KeyVaultSecretWatcher.SecretWatchStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.TaskScheduler;

/**
 * One watched secret of the {@link KeyVaultSecretWatcher}: its state (the version in use, the versions last listed,
 * refused versions, failures) and what is done with it — its polls, the switch to the active version, the one-shot
 * task of a staged activation. Everything runs under this object's monitor, so a poll, an on-demand refresh and an
 * activation of the same secret never interleave, while different secrets never wait for each other.
 * <p>
 * Its {@link #status()} is a snapshot published at the end of each poll and activation, read without the monitor: a
 * poll holds the monitor while it waits for the vault, and health must answer while the vault does not.
 */
final class SecretWatch {

	// The watcher's category, which operators know.
	private static final Log logger = LogFactory.getLog(KeyVaultSecretWatcher.class);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	private final EndpointId endpoint;

	private final KeyVaultReference reference;

	private final KeyVaultSecrets secrets;

	private final ServiceEndpointRegistry registry;

	private final Clock clock;

	private final KeyRotationStatus rotationStatus;

	private final Duration interval;

	private final SignalRListener listener;

	private final Map<String, String> prefetched = new LinkedHashMap<>();

	private final Set<String> rejectedVersions = new HashSet<>();

	private String version;

	private List<SecretVersionProperties> versions;

	private Instant lastPollStart;

	private Instant lastSuccess;

	private String lastError;

	private Instant lastErrorAt;

	private int consecutiveFailures;

	private boolean noValidVersion;

	// Read without the lock, which a poll holds while it waits for the vault.
	private final AtomicLong rejectedValues = new AtomicLong();

	private final AtomicLong failedRefreshes = new AtomicLong();

	private volatile SecretWatchStatus status;

	private volatile TaskScheduler scheduler;

	private ScheduledFuture<?> poll;

	private ScheduledFuture<?> activation;

	/**
	 * @param secret the reference as resolved at start-up
	 * @param rotationStatus told of staged activations, or {@code null}
	 * @param listener told of failed refreshes
	 */
	SecretWatch(WatchedSecret secret, KeyVaultSecrets secrets, ServiceEndpointRegistry registry, Clock clock,
			KeyRotationStatus rotationStatus, Duration interval, SignalRListener listener) {
		this.endpoint = secret.endpoint();
		this.reference = secret.reference();
		this.version = secret.version();
		this.versions = secret.versions();
		this.secrets = secrets;
		this.registry = registry;
		this.clock = clock;
		this.rotationStatus = rotationStatus;
		this.interval = interval;
		this.listener = listener;
		this.lastSuccess = clock.instant();
		publishStatus();
	}

	EndpointId endpoint() {
		return this.endpoint;
	}

	/**
	 * Schedules the activation already staged and the first poll.
	 */
	void start(TaskScheduler scheduler) {
		this.scheduler = scheduler;
		synchronized (this) {
			scheduleNextChange(this.clock.instant());
		}
		schedulePoll(this.interval);
	}

	/**
	 * Cancels the next poll and any staged activation.
	 */
	synchronized void stop() {
		this.scheduler = null;
		cancel(this.poll);
		cancel(this.activation);
		this.poll = null;
		this.activation = null;
	}

	/**
	 * Polls now, unless a poll has started since {@code requested}.
	 */
	synchronized void refresh(Instant requested) {
		if (this.lastPollStart == null || this.lastPollStart.isBefore(requested)) {
			poll();
		}
	}

	long rejectedValues() {
		return this.rejectedValues.get();
	}

	long failedRefreshes() {
		return this.failedRefreshes.get();
	}

	/**
	 * How the secret stood after the last poll or activation; never waits for one in progress.
	 */
	SecretWatchStatus status() {
		return this.status;
	}

	/** Called holding the lock, after any change to the state. */
	private void publishStatus() {
		this.status = new SecretWatchStatus(this.endpoint, this.reference, this.version, this.lastSuccess,
				this.lastError, this.lastErrorAt, this.consecutiveFailures, this.noValidVersion);
	}

	private void schedulePoll(Duration delay) {
		TaskScheduler scheduler = this.scheduler;
		if (scheduler != null) {
			synchronized (this) {
				this.poll = scheduler.schedule(this::pollAndReschedule, this.clock.instant().plus(delay));
			}
		}
	}

	private void pollAndReschedule() {
		boolean polled;
		int failures;
		synchronized (this) {
			polled = poll();
			failures = this.consecutiveFailures;
		}
		schedulePoll(polled ? this.interval : backOff(failures));
	}

	private Duration backOff(int failures) {
		Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
		return (delay.compareTo(this.interval) < 0) ? delay : this.interval;
	}

	/** Lists the versions and applies the active one. Called holding the lock. */
	private boolean poll() {
		this.lastPollStart = this.clock.instant();
		try {
			this.versions = this.secrets.versions(this.reference);
		}
		catch (RuntimeException ex) {
			failed("its versions could not be listed", ex);
			publishStatus();
			return false;
		}
		this.lastSuccess = this.clock.instant();
		this.consecutiveFailures = 0;
		apply(this.clock.instant());
		publishStatus();
		return true;
	}

	/** Makes the version active at {@code at} the endpoint's. Called holding the lock. */
	private void apply(Instant at) {
		Optional<SecretVersionProperties> active = SecretVersionSelector.active(this.versions, at);
		if (active.isEmpty()) {
			if (!this.noValidVersion) {
				this.noValidVersion = true;
				logger.error("Key Vault secret " + this.reference.secretId() + " of endpoint " + this.endpoint
						+ " has no valid version (every enabled version is expired or not yet active): the endpoint is"
						+ " offline until a version is valid");
				// The key goes too: an expired key must sign nothing, and without a key no health check brings the
				// endpoint back online. The next valid version brings key and endpoint back together.
				updateRegistry((endpoint) -> endpoint.withAccessKey(null).withOnline(false));
				this.listener.keyRefreshFailed(this.endpoint, KeyRefreshFailure.NO_VALID_VERSION);
			}
		}
		else if (!active.get().version().equals(this.version) || this.noValidVersion) {
			switchTo(active.get().version());
		}
		scheduleNextChange(at);
	}

	private void switchTo(String version) {
		if (this.rejectedVersions.contains(version)) {
			return;
		}
		String value = this.prefetched.remove(version);
		if (value == null) {
			try {
				value = this.secrets.value(this.reference, version);
			}
			catch (RuntimeException ex) {
				failed("version " + version + " could not be read", ex);
				return;
			}
		}
		ConnectionString connectionString;
		try {
			connectionString = ConnectionString.parse(value);
		}
		catch (RuntimeException ex) {
			// The parser's message names the key at fault, never a value.
			refuse(version, Secrets.redactedMessage(ex));
			return;
		}
		KnownSecrets.register(connectionString);
		boolean wasDown = this.noValidVersion;
		if (updateRegistry((endpoint) -> {
			ServiceEndpoint changed = endpoint.withConnectionString(connectionString);
			return wasDown ? changed.withOnline(true) : changed;
		})) {
			logger.info("Endpoint " + this.endpoint + " now uses version " + version + " of Key Vault secret "
					+ this.reference.secretId() + " (key " + this.registry.find(this.endpoint)
						.map((endpoint) -> (endpoint.accessKey() != null) ? endpoint.accessKey().id() : "none")
						.orElse("none")
					+ ")");
			this.version = version;
			this.noValidVersion = false;
		}
		else {
			refuse(version, "the registry refused it");
		}
	}

	private boolean updateRegistry(UnaryOperator<ServiceEndpoint> change) {
		try {
			this.registry.update(this.endpoint, change);
			return true;
		}
		catch (RuntimeException ex) {
			// The endpoint is gone, or the new string clashes with another endpoint: messages name endpoints only.
			logger.error("Could not apply Key Vault secret " + this.reference.secretId() + " to endpoint "
					+ this.endpoint + ": " + Secrets.redactedMessage(ex));
			return false;
		}
	}

	private void refuse(String version, String reason) {
		this.rejectedValues.incrementAndGet();
		this.listener.keyRefreshFailed(this.endpoint, KeyRefreshFailure.INVALID_VALUE);
		this.rejectedVersions.add(version);
		this.lastError = "version " + version + " refused: " + reason;
		this.lastErrorAt = this.clock.instant();
		logger.error("Refused version " + version + " of Key Vault secret " + this.reference.secretId()
				+ " for endpoint " + this.endpoint + ": it is not a valid connection string (" + reason
				+ "); keeping version " + this.version);
	}

	private void failed(String what, RuntimeException ex) {
		this.failedRefreshes.incrementAndGet();
		this.listener.keyRefreshFailed(this.endpoint, KeyRefreshFailure.SOURCE_ERROR);
		this.consecutiveFailures++;
		this.lastError = what + ": " + KeyVaultSecretWatcher.summary(ex);
		this.lastErrorAt = this.clock.instant();
		logger.warn("Could not refresh Key Vault secret " + this.reference.secretId() + " for endpoint "
				+ this.endpoint + " (" + this.consecutiveFailures + " consecutive failure(s)): " + this.lastError
				+ "; keeping version " + this.version + ", retrying in " + backOff(this.consecutiveFailures));
	}

	/**
	 * Schedules the switch at the next activation or expiry, fetching the staged value now so that the switch itself
	 * is only a registry update. Called holding the lock.
	 */
	private void scheduleNextChange(Instant at) {
		cancel(this.activation);
		this.activation = null;
		this.prefetched.clear();
		TaskScheduler scheduler = this.scheduler;
		Optional<Instant> next = SecretVersionSelector.nextChange(this.versions, at);
		if (scheduler == null || next.isEmpty()) {
			unstage();
			return;
		}
		Instant when = next.get();
		Optional<SecretVersionProperties> then = SecretVersionSelector.active(this.versions, when);
		if (then.isPresent() && !then.get().version().equals(this.version)) {
			String staged = then.get().version();
			if (!this.rejectedVersions.contains(staged)) {
				try {
					this.prefetched.put(staged, this.secrets.value(this.reference, staged));
				}
				catch (RuntimeException ex) {
					// Read again at the switch.
					logger.debug("Could not read staged version " + staged + " of " + this.reference.secretId()
							+ " ahead of its activation: " + KeyVaultSecretWatcher.summary(ex));
				}
			}
			if (this.rotationStatus != null) {
				String source = KeyVaultConnectionStringResolver.describe(this.reference, staged);
				this.rotationStatus.stage(this.endpoint, source, when);
			}
		}
		else {
			unstage();
		}
		this.activation = scheduler.schedule(() -> activate(when), when);
	}

	private synchronized void activate(Instant when) {
		Instant now = this.clock.instant();
		// The scheduler's clock and the wall clock may disagree by a hair: never evaluate before the instant.
		apply(now.isBefore(when) ? when : now);
		publishStatus();
	}

	private void unstage() {
		if (this.rotationStatus != null) {
			this.rotationStatus.unstage(this.endpoint);
		}
	}

	private static void cancel(ScheduledFuture<?> future) {
		if (future != null) {
			future.cancel(false);
		}
	}

	@Override
	public String toString() {
		return "SecretWatch[" + this.endpoint + ", " + this.reference + ", version=" + this.version + "]";
	}

}
