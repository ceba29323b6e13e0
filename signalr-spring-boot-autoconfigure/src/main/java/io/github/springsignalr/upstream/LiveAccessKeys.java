package io.github.springsignalr.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.endpoint.AccessKey;

/**
 * The access keys an upstream request may be signed with: the key every endpoint uses now, read from the registry at
 * each call, and each key an endpoint stopped using (replaced, or its endpoint removed) until its grace ends.
 * <p>
 * The grace is the one {@link io.github.springsignalr.endpoint.KeyRotationStatus} reports as "safe to regenerate":
 * the switch plus the token lifetime. Until then the old key may still be one of the service's keys (the operator has
 * not regenerated it yet, or the service's nodes have not all caught up), so a genuine event signed only with it
 * must not be refused; once it is safe to regenerate it, it is no longer trusted here either.
 * <p>
 * Retired keys are learnt from the registry's change events: feed it every {@link ServiceEndpointsChangedEvent}.
 * Nothing here prints a key: {@link #toString()} shows ids only.
 */
public class LiveAccessKeys {

	private final ServiceEndpointRegistry registry;

	private final Supplier<Duration> grace;

	private final Clock clock;

	private final Object writeLock = new Object();

	private volatile List<RetiredKey> retired = List.of();

	/**
	 * @param registry the endpoints, whose current keys are always live
	 * @param grace how long a replaced key stays live: the access-token lifetime
	 * @param clock the clock the grace is measured with
	 */
	public LiveAccessKeys(ServiceEndpointRegistry registry, Duration grace, Clock clock) {
		this(registry, constant(Objects.requireNonNull(grace, "grace")), clock);
	}

	/**
	 * @param registry the endpoints, whose current keys are always live
	 * @param grace how long a replaced key stays live, asked at each change: the longest token lifetime issued so far
	 * @param clock the clock the grace is measured with
	 */
	public LiveAccessKeys(ServiceEndpointRegistry registry, Supplier<Duration> grace, Clock clock) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.grace = Objects.requireNonNull(grace, "grace");
		this.clock = Objects.requireNonNull(clock, "clock");
	}


	private static Supplier<Duration> constant(Duration grace) {
		return () -> grace;
	}

	/**
	 * Every live key now: the current key of each endpoint first, in declaration order, then the retired keys still
	 * within their grace. An endpoint without a key (Entra, not fetched yet) contributes none.
	 */
	public List<AccessKey> keys() {
		List<AccessKey> keys = new ArrayList<>();
		for (ServiceEndpoint endpoint : this.registry.endpoints()) {
			if (endpoint.accessKey() != null && !keys.contains(endpoint.accessKey())) {
				keys.add(endpoint.accessKey());
			}
		}
		Instant now = this.clock.instant();
		for (RetiredKey key : this.retired) {
			if (now.isBefore(key.until()) && !keys.contains(key.key())) {
				keys.add(key.key());
			}
		}
		return keys;
	}

	/**
	 * Records the keys a change to the registry retired: the key before of every endpoint whose key changed, and the
	 * key of every endpoint removed, each live until the change's time plus the grace.
	 */
	public void onEndpointsChanged(ServiceEndpointsChangedEvent event) {
		Instant until = event.timestamp().plus(this.grace.get());
		List<RetiredKey> newlyRetired = new ArrayList<>();
		for (ServiceEndpointsChangedEvent.Change change : event.changed()) {
			if (change.keyChanged() && change.before().accessKey() != null) {
				newlyRetired.add(new RetiredKey(change.before().id(), change.before().accessKey(), until));
			}
		}
		for (ServiceEndpoint removed : event.removed()) {
			if (removed.accessKey() != null) {
				newlyRetired.add(new RetiredKey(removed.id(), removed.accessKey(), until));
			}
		}
		if (newlyRetired.isEmpty()) {
			return;
		}
		synchronized (this.writeLock) {
			Instant now = this.clock.instant();
			List<RetiredKey> next = new ArrayList<>();
			for (RetiredKey key : this.retired) {
				if (now.isBefore(key.until())) {
					next.add(key);
				}
			}
			next.addAll(newlyRetired);
			this.retired = List.copyOf(next);
		}
	}

	/**
	 * Ids only, never a key.
	 */
	@Override
	public String toString() {
		List<String> current = this.registry.endpoints()
			.stream()
			.filter((endpoint) -> endpoint.accessKey() != null)
			.map((endpoint) -> endpoint.id() + "=" + endpoint.accessKey().id())
			.toList();
		List<String> retiredIds = this.retired.stream()
			.map((key) -> key.endpoint() + "=" + key.key().id() + " until " + key.until())
			.toList();
		return "LiveAccessKeys[current=" + current + ", retired=" + retiredIds + "]";
	}

	/**
	 * A key an endpoint no longer signs with, still trusted until {@code until}.
	 */
	private record RetiredKey(EndpointId endpoint, AccessKey key, Instant until) {

	}

}
