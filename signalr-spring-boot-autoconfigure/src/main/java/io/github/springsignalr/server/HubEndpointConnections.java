package io.github.springsignalr.server;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.endpoint.SignalRListener.ServerConnectionEvent;
import io.github.springsignalr.service.protocol.ServiceMessage;
import io.github.springsignalr.token.SignalRTokenService;

/**
 * The server connections of one hub to one endpoint: a fixed number of slots, each connected, and reconnected after
 * it ends with the SDK's back-off, a fresh {@code cid} and a fresh token signed with the endpoint's current key (read
 * from the registry at each connect, so that a rotated key or a new Entra temporary key needs no restart); and, when
 * the endpoint's key changes, moved to the new key without dropping a client ({@link #tick()}).
 */
final class HubEndpointConnections {

	private static final Log logger = LogFactory.getLog(HubEndpointConnections.class);

	private final String hub;

	private final EndpointId endpoint;

	private final ServiceEndpointRegistry registry;

	private final SignalRTokenService tokens;

	private final ServerConnectionContext context;

	private final HttpClient http;

	private final ScheduledExecutorService scheduler;

	private final SignalRListener listener;

	private final List<ServerConnection> live = new CopyOnWriteArrayList<>();

	private volatile boolean stopped;

	HubEndpointConnections(String hub, EndpointId endpoint, ServiceEndpointRegistry registry,
			SignalRTokenService tokens, ServerConnectionContext context, HttpClient http,
			ScheduledExecutorService scheduler, SignalRListener listener) {
		this.hub = hub;
		this.endpoint = endpoint;
		this.registry = registry;
		this.tokens = tokens;
		this.context = context;
		this.http = http;
		this.scheduler = scheduler;
		this.listener = listener;
	}

	void start() {
		for (int slot = 0; slot < this.context.options().connectionCount(); slot++) {
			connect(0, false, null);
		}
	}

	/**
	 * Connects one slot, retried with the back-off until it is up, and again each time it ends.
	 * @param reconnect whether this connection takes the place of one that ended or failed
	 * @param replacing the connection, signed with an older key, that this one takes the place of once it is up, or
	 * {@code null}
	 */
	private void connect(int failures, boolean reconnect, ServerConnection replacing) {
		if (this.stopped) {
			return;
		}
		Optional<ServiceEndpoint> endpoint = this.registry.find(this.endpoint);
		if (endpoint.isEmpty()) {
			return;
		}
		ServerConnection connection = new ServerConnection(this.context, this.hub, keyId(endpoint.get()));
		try {
			connection
				.connect(this.http, this.tokens.serverUrl(endpoint.get(), this.hub, UUID.randomUUID().toString()),
						this.tokens.serverToken(endpoint.get(), this.hub), this.tokens.serverName())
				.whenComplete((ok, failure) -> {
					if (failure == null) {
						this.live.add(connection);
						if (replacing != null) {
							replacing.retire();
						}
						tell(reconnect ? ServerConnectionEvent.RECONNECTED : ServerConnectionEvent.CONNECTED);
						return;
					}
					tell(ServerConnectionEvent.FAILED);
					if (logger.isDebugEnabled()) {
						logger.debug("Server connection of hub '" + this.hub + "' to " + this.endpoint + " failed: "
								+ failure.getMessage());
					}
				});
		}
		catch (RuntimeException ex) {
			// No key yet (an Entra endpoint before its first temporary key), for example: tried again later.
			logger.debug("Server connection of hub '" + this.hub + "' to " + this.endpoint + " not started", ex);
			tell(ServerConnectionEvent.FAILED);
			connection.end();
		}
		connection.ended().whenComplete((ok, failure) -> {
			boolean wasLive = this.live.remove(connection);
			if (connection.isReplaced()) {
				// Its slot belongs to the connection that replaces it.
				return;
			}
			int next = wasLive ? 0 : failures + 1;
			Duration delay = BackOff.delay(wasLive ? 0 : failures, ThreadLocalRandom.current());
			ServerConnection stillReplacing = wasLive ? null : replacing;
			if (!this.stopped) {
				if (wasLive) {
					tell(ServerConnectionEvent.DROPPED);
				}
				this.scheduler.schedule(() -> connect(next, true, stillReplacing), delay.toMillis(),
						TimeUnit.MILLISECONDS);
			}
		});
	}

	private void tell(ServerConnectionEvent event) {
		if (!this.stopped) {
			this.listener.serverConnectionChanged(this.endpoint, this.hub, event);
		}
	}

	/**
	 * Pings, and moves the connections signed with an older key of the endpoint to its current key: for each, a new
	 * connection is opened with the current key; once it is up, the old one is retired ({@code shutdown fin:2}: the
	 * service routes no new client to it) and closed when its last client has gone. No client is dropped for a key
	 * change, and once the clients of before have gone no connection rests on the old key, so a service that drops the
	 * connections a regenerated key signed finds none.
	 */
	void tick() {
		this.live.forEach(ServerConnection::tick);
		String current = this.registry.find(this.endpoint).map(HubEndpointConnections::keyId).orElse(null);
		for (ServerConnection connection : this.live) {
			if (connection.isDrained()) {
				connection.end();
			}
			else if (current != null && !this.stopped && connection.isConnected() && !connection.isReplaced()
					&& !current.equals(connection.keyId())) {
				connection.replaced();
				connect(0, false, connection);
			}
		}
	}

	private static String keyId(ServiceEndpoint endpoint) {
		return (endpoint.accessKey() != null) ? endpoint.accessKey().id() : null;
	}

	int connectedCount() {
		return (int) this.live.stream().filter(ServerConnection::isConnected).count();
	}

	String hub() {
		return this.hub;
	}

	EndpointId endpoint() {
		return this.endpoint;
	}

	/**
	 * Writes a message on one live connection, chosen at random.
	 * @return whether a connection took it
	 */
	boolean write(ServiceMessage message) {
		List<ServerConnection> connected = new ArrayList<>(this.live);
		connected.removeIf((connection) -> !connection.isConnected());
		if (connected.isEmpty()) {
			return false;
		}
		connected.get(ThreadLocalRandom.current().nextInt(connected.size())).write(message);
		return true;
	}

	List<ServerConnection> connections() {
		return List.copyOf(this.live);
	}

	void stop() {
		this.stopped = true;
		this.live.forEach(ServerConnection::end);
	}

}
