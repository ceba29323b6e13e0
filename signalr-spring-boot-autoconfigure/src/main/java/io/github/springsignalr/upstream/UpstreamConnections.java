package io.github.springsignalr.upstream;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The hub and the user id each connection belongs to, as the upstream requests this application accepted told it: what
 * stops a genuine request from being replayed to another hub or as another user.
 * <p>
 * The service signs the connection id only ({@code X-ASRS-Signature} covers neither the hub, the event nor the body),
 * so whoever obtains one genuine request of connection {@code c} on hub {@code chat} (a log of request headers, a
 * proxy) can send the same signature with {@code X-ASRS-Hub: admin}, another {@code X-ASRS-User-Id} and any body, and
 * the signature still matches.
 * Comparing the URL's {@code {hub}} with the header does not help: the sender writes both. What the sender cannot
 * change is that the service told us first, in a signed request, that {@code c} is on {@code chat} for user
 * {@code ann}. So a connection is bound to the hub and the user id of the first accepted request that names it (its
 * {@code connected} event, normally) and any later request that puts it on another hub or gives it another user id
 * (one added to an anonymous connection, or one removed, included) is refused. A client's user id is fixed by its
 * token for the life of its connection, so a genuine request never changes it.
 * <p>
 * The binding outlives the {@code disconnected} event (a connection id is never reused, and a replay after the
 * connection ended must be refused too) until the least recently used bindings are evicted beyond
 * {@code capacity}. Two limits, documented for operators:
 * <ul>
 * <li>The bindings are this instance's memory. An instance that has not seen a connection (another instance got its
 * {@code connected} event, or this one restarted) binds it on the first request it receives: trust on first use.
 * With {@code requireConnectedEvent} such requests are refused instead: right for a single instance, wrong behind a
 * load balancer, where it would refuse genuine messages.</li>
 * <li>A request replayed to the <em>same</em> hub cannot be told from the original: the signature carries no time or
 * nonce. Upstream URLs must be HTTPS, and request headers never logged.</li>
 * </ul>
 */
public class UpstreamConnections {

	private final int capacity;

	private final boolean requireConnectedEvent;

	private final Map<String, Binding> hubs;

	/**
	 * @param capacity how many connections to remember; the least recently seen are forgotten beyond it
	 * @param requireConnectedEvent whether to refuse requests of a connection whose {@code connected} event this
	 * instance has not accepted, instead of trusting the first request
	 */
	public UpstreamConnections(int capacity, boolean requireConnectedEvent) {
		if (capacity < 1) {
			throw new IllegalArgumentException("The capacity must be positive, not " + capacity);
		}
		this.capacity = capacity;
		this.requireConnectedEvent = requireConnectedEvent;
		this.hubs = new LinkedHashMap<>(256, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Binding> eldest) {
				return size() > UpstreamConnections.this.capacity;
			}

		};
	}

	/**
	 * Decides whether a request with a valid signature may be for {@code hub} and {@code userId}, and binds the
	 * connection to them when it is new.
	 * @param connectionId the connection id the signature covers
	 * @param hub the hub the request names
	 * @param userId the user id the request names ({@code X-ASRS-User-Id}), or {@code null} (or empty) for an
	 * anonymous client; compared exactly, as the service's user ids are case-sensitive
	 * @param connected whether the request is the connection's {@code connected} event
	 * @return {@code false} when the connection is bound to another hub or user id, or unknown while a
	 * {@code connected} event is required
	 */
	public boolean accept(String connectionId, @Nullable String hub, @Nullable String userId, boolean connected) {
		Binding binding = new Binding(hub.toLowerCase(Locale.ROOT),
				(userId != null && !userId.isEmpty()) ? userId : null);
		synchronized (this.hubs) {
			Binding bound = this.hubs.get(connectionId);
			if (bound != null) {
				return bound.equals(binding);
			}
			if (!connected && this.requireConnectedEvent) {
				return false;
			}
			this.hubs.put(connectionId, binding);
			return true;
		}
	}

	/**
	 * The hub a connection is bound to, lower-cased.
	 */
	public Optional<String> hub(String connectionId) {
		synchronized (this.hubs) {
			return Optional.ofNullable(this.hubs.get(connectionId)).map(Binding::hub);
		}
	}

	public int size() {
		synchronized (this.hubs) {
			return this.hubs.size();
		}
	}

	// No accessor for the user id: it is personal data, and this class's job is to refuse, not to tell.
	private record Binding(String hub, @Nullable String userId) {

	}

	@Override
	public String toString() {
		return "UpstreamConnections[size=" + size() + ", capacity=" + this.capacity + ", requireConnectedEvent="
				+ this.requireConnectedEvent + "]";
	}

}
