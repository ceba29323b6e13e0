package io.github.springsignalr.entra.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.endpoint.AccessKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

/**
 * Keeps a temporary access key in every endpoint that uses Microsoft Entra ID, as the .NET SDK does: a key is fetched
 * at start, again every refresh interval (55 minutes, {@code MicrosoftEntraAccessKey.GetAccessKeyInterval}), and a
 * failed fetch is tried three times 3 s apart ({@code GetAccessKeyMaxRetryTimes}, {@code GetAccessKeyRetryInterval})
 * and then again after the retry interval (5 minutes, {@code GetAccessKeyIntervalWhenUnauthorized}). The new key is
 * swapped into the registry atomically, so every token signed after the swap uses it.
 * <p>
 * An endpoint is offline while it has no key: until its first key arrives, and once its last key is older than the key
 * lifetime with no new one. It comes back online with its next key. The key lifetime is 85 minutes: the Learn page on
 * Microsoft Entra ID for the service says a temporary key expires 90 minutes after it was issued (and advises a new
 * one every hour), so a key is not relied on up to the last minute, in which the service may already refuse it. (The
 * .NET SDK's {@code AccessKeyExpireTime} is 120 minutes, past the documented expiry: we follow the documentation.)
 * <p>
 * Endpoints added or given another connection string later get a key at once ({@link #onChange}).
 */
public class EntraKeyRefresher {

	private static final Log logger = LogFactory.getLog(EntraKeyRefresher.class);

	/** How often .NET fetches a new key. */
	public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(55);

	/** How long .NET waits after a failed fetch. */
	public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMinutes(5);

	/** How long the service honours a temporary key after issuing it, as its Learn page says. */
	public static final Duration SERVICE_KEY_EXPIRY = Duration.ofMinutes(90);

	/** How long a key is relied on after it was fetched: five minutes short of the service's expiry. */
	public static final Duration DEFAULT_KEY_LIFETIME = Duration.ofMinutes(85);

	static final int ATTEMPTS = 3;

	static final Duration FIRST_PAUSE = Duration.ofSeconds(3);

	private final ServiceEndpointRegistry registry;

	private final EntraAccessKeyClient client;

	private final Duration refreshInterval;

	private final Duration retryInterval;

	private final Duration keyLifetime;

	private final Clock clock;

	private final Map<EndpointId, State> states = new ConcurrentHashMap<>();

	private volatile @Nullable TaskScheduler scheduler;

	private volatile Duration firstPause = FIRST_PAUSE;

	public EntraKeyRefresher(ServiceEndpointRegistry registry, EntraAccessKeyClient client, Duration refreshInterval,
			Duration retryInterval, Duration keyLifetime, Clock clock) {
		this.registry = registry;
		this.client = client;
		this.refreshInterval = positive(refreshInterval, "refresh interval");
		this.retryInterval = positive(retryInterval, "retry interval");
		this.keyLifetime = positive(keyLifetime, "key lifetime");
		this.clock = clock;
	}

	/**
	 * Takes the Entra endpoints without a key offline, fetches each one's first key on the scheduler and waits for
	 * them up to {@code initialWait} (so that an application is ready when it starts, but a Microsoft Entra ID that
	 * does not answer does not hold start-up back), then keeps them fresh.
	 */
	public void start(TaskScheduler scheduler, Duration initialWait) {
		this.scheduler = scheduler;
		this.registry.update((endpoints) -> {
			endpoints.replaceAll((endpoint) -> (isEntra(endpoint) && endpoint.accessKey() == null)
					? endpoint.withOnline(false) : endpoint);
			return endpoints;
		});
		List<ScheduledFuture<?>> first = new ArrayList<>();
		for (ServiceEndpoint endpoint : this.registry.endpoints()) {
			if (isEntra(endpoint)) {
				first.add(scheduler.schedule(() -> refresh(endpoint.id(), ATTEMPTS), this.clock.instant()));
			}
		}
		long deadline = System.nanoTime() + initialWait.toNanos();
		for (ScheduledFuture<?> fetch : first) {
			try {
				fetch.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				logger.info("Azure SignalR endpoints using Microsoft Entra ID have no temporary access key after "
						+ initialWait + "; start-up goes on and they stay offline until they get one");
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException ex) {
				// refresh(…) reports its own failures; anything else is a bug worth a trace.
				logger.error("Fetching a temporary access key failed unexpectedly", ex.getCause());
			}
		}
	}

	/**
	 * Stops scheduling; a fetch under way finishes.
	 */
	public void stop() {
		this.scheduler = null;
		this.states.values().forEach(State::cancel);
		this.states.clear();
	}

	/**
	 * Fetches a key at once for an Entra endpoint that was added or got another connection string.
	 */
	public void onChange(ServiceEndpointsChangedEvent event) {
		TaskScheduler current = this.scheduler;
		if (current == null) {
			return;
		}
		for (ServiceEndpoint added : event.added()) {
			if (isEntra(added)) {
				current.schedule(() -> refresh(added.id(), ATTEMPTS), this.clock.instant());
			}
		}
		for (ServiceEndpointsChangedEvent.Change change : event.changed()) {
			ServiceEndpoint after = change.after();
			if (isEntra(after) && !after.connectionString().equals(change.before().connectionString())) {
				current.schedule(() -> refresh(after.id(), ATTEMPTS), this.clock.instant());
			}
		}
		event.removed().forEach((removed) -> {
			State state = this.states.remove(removed.id());
			if (state != null) {
				state.cancel();
			}
		});
	}

	/**
	 * Fetches the endpoint's key now, with up to {@code attempts} tries, and schedules the next fetch.
	 * @return whether a key was obtained
	 */
	boolean refresh(EndpointId id, int attempts) {
		ServiceEndpoint endpoint = this.registry.find(id).filter(EntraKeyRefresher::isEntra).orElse(null);
		if (endpoint == null) {
			return false;
		}
		State state = this.states.computeIfAbsent(id, (key) -> new State());
		synchronized (state) {
			AccessKey key = null;
			EntraAuthenticationException failure = null;
			Duration pause = this.firstPause;
			for (int attempt = 1; attempt <= attempts && key == null; attempt++) {
				try {
					key = this.client.fetch(endpoint);
				}
				catch (EntraAuthenticationException ex) {
					failure = ex;
					// The same pause before each attempt, as .NET's GetAccessKeyRetryInterval.
					if (attempt < attempts && !sleep(pause)) {
						break;
					}
				}
			}
			if (key != null) {
				accept(endpoint, key, state);
				schedule(id, state, this.refreshInterval);
				return true;
			}
			reject(endpoint, Objects.requireNonNull(failure), state);
			schedule(id, state, this.retryInterval);
			return false;
		}
	}

	private void accept(ServiceEndpoint endpoint, AccessKey key, State state) {
		boolean[] broughtOnline = new boolean[1];
		update(endpoint, (current) -> {
			ServiceEndpoint withKey = current.withAccessKey(key);
			broughtOnline[0] = current.accessKey() == null && !current.online();
			return broughtOnline[0] ? withKey.withOnline(true) : withKey;
		});
		boolean first = state.obtainedAt == null;
		state.obtainedAt = this.clock.instant();
		String message = "Azure SignalR endpoint " + endpoint.id() + " got temporary access key " + key.id()
				+ " with Microsoft Entra ID" + (broughtOnline[0] ? "; online" : "") + "; next refresh in "
				+ this.refreshInterval;
		if (first || broughtOnline[0]) {
			logger.info(message);
		}
		else {
			logger.debug(message);
		}
	}

	private void reject(ServiceEndpoint endpoint, EntraAuthenticationException failure, State state) {
		Instant now = this.clock.instant();
		boolean expired = state.obtainedAt == null
				|| !now.isBefore(state.obtainedAt.plus(this.keyLifetime));
		if (expired) {
			update(endpoint, (current) -> current.withAccessKey(null).withOnline(false));
			logger.error(failure.getMessage() + ". The endpoint is offline until it gets a key; next attempt in "
					+ this.retryInterval);
		}
		else {
			logger.warn(failure.getMessage() + ". The current key stays in use until "
					+ state.obtainedAt.plus(this.keyLifetime) + "; next attempt in " + this.retryInterval);
		}
	}

	/**
	 * Changes the endpoint in the registry if it is still there with the connection string the key was fetched for:
	 * one changed meanwhile brings its own fetch, one removed needs none.
	 */
	private void update(ServiceEndpoint fetchedFor, @Nullable UnaryOperator<ServiceEndpoint> change) {
		this.registry.update((endpoints) -> {
			endpoints.replaceAll((current) -> (current.id().equals(fetchedFor.id())
					&& current.connectionString().equals(fetchedFor.connectionString())) ? change.apply(current)
							: current);
			return endpoints;
		});
	}

	private void schedule(EndpointId id, State state, Duration delay) {
		TaskScheduler current = this.scheduler;
		if (current == null) {
			return;
		}
		state.cancel();
		state.next = current.schedule(() -> refresh(id, ATTEMPTS), this.clock.instant().plus(delay));
	}

	private static boolean sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * For tests: the pause before each further attempt of a fetch.
	 */
	void setFirstPause(Duration firstPause) {
		this.firstPause = firstPause;
	}

	private static boolean isEntra(ServiceEndpoint endpoint) {
		return endpoint.connectionString().authType().isEntra();
	}

	private static Duration positive(Duration duration, String name) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("The " + name + " must be positive, not " + duration);
		}
		return duration;
	}

	@Override
	public String toString() {
		return "EntraKeyRefresher[refreshInterval=" + this.refreshInterval + ", retryInterval=" + this.retryInterval
				+ ", keyLifetime=" + this.keyLifetime + ", endpoints=" + this.states.keySet() + "]";
	}

	private static final class State {

		private volatile @Nullable Instant obtainedAt;

		private volatile @Nullable ScheduledFuture<?> next;

		void cancel() {
			ScheduledFuture<?> scheduled = this.next;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

	}

}
