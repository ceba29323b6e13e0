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
 * from the registry at each connect, so that a rotated key or a new Entra temporary key needs no restart).
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
			connect(0, false);
		}
	}

	/**
	 * @param replacing whether this connection takes the place of one that ended or failed
	 */
	private void connect(int failures, boolean replacing) {
		if (this.stopped) {
			return;
		}
		Optional<ServiceEndpoint> endpoint = this.registry.find(this.endpoint);
		if (endpoint.isEmpty()) {
			return;
		}
		ServerConnection connection = new ServerConnection(this.context, this.hub);
		try {
			connection
				.connect(this.http, this.tokens.serverUrl(endpoint.get(), this.hub, UUID.randomUUID().toString()),
						this.tokens.serverToken(endpoint.get(), this.hub), this.tokens.serverName())
				.whenComplete((ok, failure) -> {
					if (failure == null) {
						this.live.add(connection);
						tell(replacing ? ServerConnectionEvent.RECONNECTED : ServerConnectionEvent.CONNECTED);
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
			int next = wasLive ? 0 : failures + 1;
			Duration delay = BackOff.delay(wasLive ? 0 : failures, ThreadLocalRandom.current());
			if (!this.stopped) {
				if (wasLive) {
					tell(ServerConnectionEvent.DROPPED);
				}
				this.scheduler.schedule(() -> connect(next, true), delay.toMillis(), TimeUnit.MILLISECONDS);
			}
		});
	}

	private void tell(ServerConnectionEvent event) {
		if (!this.stopped) {
			this.listener.serverConnectionChanged(this.endpoint, this.hub, event);
		}
	}

	void tick() {
		this.live.forEach(ServerConnection::tick);
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
