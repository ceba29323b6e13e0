package io.github.springsignalr.keyvault.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.endpoint.SignalRListener.KeyRefreshFailure;
import io.github.springsignalr.entra.internal.EntraHostPolicy;
import io.github.springsignalr.keyvault.internal.KeyVaultConnectionStringResolver.WatchedSecret;
import io.github.springsignalr.keyvault.KeyVaultReference;
import io.github.springsignalr.keyvault.internal.KeyVaultSecretWatcher.SecretWatchStatus;
import io.github.springsignalr.keyvault.KeyVaultSecrets;
import io.github.springsignalr.keyvault.SecretVersionProperties;
import io.github.springsignalr.keyvault.internal.SecretVersionValues.Chosen;
import io.github.springsignalr.endpoint.AccessKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

/**
 * One watched secret of the {@link KeyVaultSecretWatcher}: its state (the version in use, the versions last listed,
 * the values read and the versions refused, failures) and what is done with it — its polls, the switch to the active
 * version, the one-shot task of a staged activation. Everything runs under this object's monitor, so a poll, an
 * on-demand refresh and an activation of the same secret never interleave, while different secrets never wait for
 * each other.
 * <p>
 * Its {@link #status()} is a snapshot published at each change, read without the monitor: a poll holds the monitor
 * while it waits for the vault, and health must answer while the vault does not.
 */
final class SecretWatch {

	// The watcher's category, which operators know.
	private static final Log logger = LogFactory.getLog(KeyVaultSecretWatcher.class);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	private final EndpointId endpoint;

	private final KeyVaultReference reference;

	private final KeyVaultSecrets secrets;

	private final SecretVersionValues values;

	private final ServiceEndpointRegistry registry;

	private final Clock clock;

	private final @Nullable KeyRotationStatus rotationStatus;

	private final Duration interval;

	private final SignalRListener listener;

	private final Instant watchedSince;

	/** The version the endpoint signs with, or {@code null} while it has none from this secret. */
	private @Nullable String version;

	private @Nullable String keyId;

	private @Nullable String previousVersion;

	private @Nullable String previousKeyId;

	private List<SecretVersionProperties> versions;

	private @Nullable Instant lastPollStart;

	private @Nullable Instant lastSuccess;

	private @Nullable String lastError;

	private @Nullable Instant lastErrorAt;

	private int consecutiveFailures;

	private boolean noValidVersion;

	/** Why the endpoint was last taken offline, so that one reason is logged once. */
	private @Nullable String offlineReason;

	private final RefreshOutage outage;

	// Read without the lock, which a poll holds while it waits for the vault.
	private final AtomicLong rejectedValues = new AtomicLong();

	private final AtomicLong failedRefreshes = new AtomicLong();

	private volatile SecretWatchStatus status;

	private volatile @Nullable TaskScheduler scheduler;

	private @Nullable ScheduledFuture<?> poll;

	private @Nullable ScheduledFuture<?> activation;

	/**
	 * @param secret the reference as resolved at start-up
	 * @param rotationStatus told of staged activations, or {@code null}
	 * @param listener told of failed refreshes
	 * @param hostPolicy where a new version's Entra token may go; a version that would send it elsewhere is refused
	 */
	SecretWatch(WatchedSecret secret, KeyVaultSecrets secrets, ServiceEndpointRegistry registry, Clock clock,
			@Nullable KeyRotationStatus rotationStatus, Duration interval, SignalRListener listener,
					EntraHostPolicy hostPolicy) {
		this.endpoint = secret.endpoint();
		this.reference = secret.reference();
		this.version = secret.version();
		this.versions = secret.versions();
		this.secrets = secrets;
		// A new version is held to the rule start-up applies: its Entra token goes to the service's hosts only.
		this.values = new SecretVersionValues(secrets, secret.reference(), hostPolicy::check);
		secret.refused().forEach(this.values::refuse);
		this.registry = registry;
		this.clock = clock;
		this.rotationStatus = rotationStatus;
		this.interval = interval;
		this.listener = listener;
		this.watchedSince = clock.instant();
		this.outage = new RefreshOutage(
				"Key Vault secret " + this.reference.secretId() + " for endpoint " + this.endpoint);
		Optional<ServiceEndpoint> current = registry.find(this.endpoint);
		if (this.version != null && current.isPresent()) {
			// What start-up read and applied: a version's value never changes, so it is not read again.
			this.values.remember(this.version, current.get().connectionString(), this.versions, this.watchedSince);
			this.keyId = keyId(current.get());
		}
		if (!secret.refused().isEmpty()) {
			String refused = secret.refused().keySet().iterator().next();
			this.lastError = "version " + refused + " refused: " + secret.refused().get(refused);
			this.lastErrorAt = this.watchedSince;
		}
		if (secret.unavailable() != null) {
			// Started without the vault: the endpoint is offline, without a key, until a poll succeeds.
			this.noValidVersion = true;
			this.consecutiveFailures = 1;
			this.lastError = secret.unavailable();
			this.lastErrorAt = this.watchedSince;
			this.outage.begunAt(this.watchedSince);
			current.filter((endpoint) -> endpoint.online() || endpoint.accessKey() != null)
				.ifPresent((endpoint) -> updateRegistry((changed) -> changed.withAccessKey(null).withOnline(false)));
		}
		else {
			this.lastSuccess = this.watchedSince;
		}
		publishStatus();
	}

	EndpointId endpoint() {
		return this.endpoint;
	}

	/**
	 * Schedules the activation already staged and the first poll: after one interval, or at once while the vault has
	 * not been reached yet.
	 */
	void start(TaskScheduler scheduler) {
		this.scheduler = scheduler;
		Duration first;
		synchronized (this) {
			scheduleNextChange(this.clock.instant());
			publishStatus();
			first = (this.consecutiveFailures > 0) ? backOff(this.consecutiveFailures) : this.interval;
		}
		schedulePoll(first);
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
	 * How the secret stood after the last change; never waits for a poll in progress.
	 */
	SecretWatchStatus status() {
		return this.status;
	}

	/** Called holding the lock (or from the constructor), after any change to the state. */
	private void publishStatus() {
		this.status = new SecretWatchStatus(this.endpoint, this.reference, this.version, this.keyId,
				this.previousVersion, this.previousKeyId, this.watchedSince, this.lastSuccess, this.lastError,
				this.lastErrorAt, this.consecutiveFailures, this.noValidVersion,
				List.copyOf(this.values.refusedVersions()));
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
		boolean applied = apply(this.clock.instant());
		if (applied) {
			succeeded();
		}
		publishStatus();
		return applied;
	}

	/**
	 * Makes the version active at {@code at} the endpoint's. Called holding the lock.
	 * @return whether every value needed could be read
	 */
	private boolean apply(Instant at) {
		Optional<Chosen> chosen;
		try {
			chosen = this.values.choose(this.versions, at, this::refused);
		}
		catch (SecretVersionValues.UnreadableVersionException ex) {
			failed("version " + ex.version() + " could not be read", ex.getCause());
			if (this.version != null && !isUsable(this.version, at)) {
				// Never go on signing with a key that expired or was disabled because its successor is unreadable.
				offline("version " + this.version + " in use is no longer valid and version " + ex.version()
						+ " could not be read");
			}
			scheduleNextChange(at);
			return false;
		}
		this.values.retainUsable(this.versions, at);
		if (chosen.isEmpty()) {
			offline("it has no usable version (every enabled version is expired, not yet active or refused)");
		}
		else if (!chosen.get().version().equals(this.version)) {
			switchTo(chosen.get());
		}
		scheduleNextChange(at);
		return true;
	}

	private boolean isUsable(String version, Instant at) {
		return !this.values.refusedVersions().contains(version) && this.versions.stream()
			.anyMatch((listed) -> listed.version().equals(version) && listed.isValidAt(at));
	}

	private void offline(String why) {
		if (this.version == null && why.equals(this.offlineReason)) {
			return;
		}
		this.offlineReason = why;
		this.noValidVersion = true;
		logger.error("Key Vault secret " + this.reference.secretId() + " of endpoint " + this.endpoint + ": " + why
				+ "; the endpoint is offline, without a key, until a version is valid");
		// Published first: whoever sees the endpoint without its key finds why here.
		this.previousVersion = this.version;
		this.previousKeyId = this.keyId;
		this.version = null;
		this.keyId = null;
		publishStatus();
		// The key goes too: an expired key must sign nothing, and without a key no health check brings the
		// endpoint back online. The next valid version brings key and endpoint back together.
		updateRegistry((endpoint) -> endpoint.withAccessKey(null).withOnline(false));
		this.listener.keyRefreshFailed(this.endpoint, KeyRefreshFailure.NO_VALID_VERSION);
	}

	private void switchTo(Chosen chosen) {
		ConnectionString connectionString = chosen.connectionString();
		String before = this.version;
		String beforeKeyId = this.keyId;
		String afterKeyId = (connectionString.accessKey() != null) ? AccessKey.of(connectionString.accessKey()).id()
				: this.keyId;
		// Published before the registry changes, with the version before it: whoever reads the new key in the
		// registry finds its version here, and whoever reads the old key still finds the old version.
		this.previousVersion = before;
		this.previousKeyId = beforeKeyId;
		this.version = chosen.version();
		this.keyId = afterKeyId;
		publishStatus();
		boolean wasDown = this.noValidVersion;
		if (updateRegistry((endpoint) -> {
			ServiceEndpoint changed = endpoint.withConnectionString(connectionString);
			return wasDown ? changed.withOnline(true) : changed;
		})) {
			this.noValidVersion = false;
			this.offlineReason = null;
			logger.info("Endpoint " + this.endpoint + " now uses version " + chosen.version() + " of Key Vault secret "
					+ this.reference.secretId() + " (key " + ((afterKeyId != null) ? afterKeyId : "none") + ")");
		}
		else {
			this.version = before;
			this.keyId = beforeKeyId;
			this.values.refuse(chosen.version(), "the registry refused it");
			refused(chosen.version(), "the registry refused it");
		}
	}

	private boolean updateRegistry(@Nullable UnaryOperator<ServiceEndpoint> change) {
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

	/** A version refused for good: told once, when its value is first read. */
	private void refused(String version, String reason) {
		this.rejectedValues.incrementAndGet();
		this.listener.keyRefreshFailed(this.endpoint, KeyRefreshFailure.INVALID_VALUE);
		this.lastError = "version " + version + " refused: " + reason;
		this.lastErrorAt = this.clock.instant();
		logger.error("Refused version " + version + " of Key Vault secret " + this.reference.secretId()
				+ " for endpoint " + this.endpoint + ": it is not a connection string the endpoint can use (" + reason
				+ "); it is left out of the key set (version in use: "
				+ ((this.version != null) ? this.version : "none") + ")");
	}

	/**
	 * A failed poll or read: counted, told, kept as the last error; logged as the {@link RefreshOutage} decides.
	 */
	private void failed(String what, @Nullable Throwable ex) {
		Instant now = this.clock.instant();
		this.failedRefreshes.incrementAndGet();
		this.listener.keyRefreshFailed(this.endpoint, KeyRefreshFailure.SOURCE_ERROR);
		this.consecutiveFailures++;
		this.lastError = what + ": " + KeyVaultSecretWatcher.summary(ex);
		this.lastErrorAt = now;
		this.outage.failed(now, this.consecutiveFailures, this.lastError,
				(this.version != null) ? "keeping version " + this.version : "the endpoint stays offline",
				this.interval);
	}

	private void succeeded() {
		Instant now = this.clock.instant();
		this.outage.succeeded(now, this.consecutiveFailures);
		this.consecutiveFailures = 0;
		this.lastSuccess = now;
	}

	/**
	 * Schedules the switch at the next activation or expiry, reading and parsing the value that then takes over now,
	 * so that the switch itself is only a registry update and a staged value that does not parse is refused (and never
	 * announced) before its time. Called holding the lock.
	 */
	private void scheduleNextChange(Instant at) {
		cancel(this.activation);
		this.activation = null;
		TaskScheduler scheduler = this.scheduler;
		if (scheduler == null) {
			return;
		}
		Optional<Instant> next;
		String staged;
		int refusedBefore;
		do {
			refusedBefore = this.values.refusedVersions().size();
			next = SecretVersionSelector.nextChange(this.versions, at, this.values.refusedVersions());
			staged = next.map(this::activeAt).orElse(null);
		}
		while (this.values.refusedVersions().size() != refusedBefore);
		if (next.isEmpty()) {
			unstage();
			return;
		}
		Instant when = next.get();
		if (staged != null && !staged.equals(this.version) && this.rotationStatus != null) {
			this.rotationStatus.stage(this.endpoint, KeyVaultConnectionStringResolver.describe(this.reference, staged),
					when);
		}
		else if (staged == null || staged.equals(this.version)) {
			unstage();
		}
		this.activation = scheduler.schedule(() -> activate(when), when);
	}

	/** The version that will be active at {@code when}, its value read ahead; {@code null} for none. */
	private @Nullable String activeAt(Instant when) {
		try {
			return this.values.choose(this.versions, when, this::refused).map(Chosen::version).orElse(null);
		}
		catch (SecretVersionValues.UnreadableVersionException ex) {
			// Read again at the switch; announced meanwhile, as nothing says it is refused.
			logger.debug("Could not read version " + ex.version() + " of " + this.reference.secretId()
					+ " ahead of its activation: " + KeyVaultSecretWatcher.summary(ex.getCause()));
			return ex.version();
		}
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

	private static @Nullable String keyId(ServiceEndpoint endpoint) {
		return (endpoint.accessKey() != null) ? endpoint.accessKey().id() : null;
	}

	private static void cancel(@Nullable ScheduledFuture<?> future) {
		if (future != null) {
			future.cancel(false);
		}
	}

	@Override
	public String toString() {
		return "SecretWatch[" + this.endpoint + ", " + this.reference + ", version=" + this.version + "]";
	}

}
