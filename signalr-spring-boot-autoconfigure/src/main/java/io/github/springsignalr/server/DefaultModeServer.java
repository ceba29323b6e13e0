package io.github.springsignalr.server;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.endpoint.EndpointAvailability;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.token.SignalRTokenService;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;

/**
 * The application as a hub server in the service's default mode: for every hub and every endpoint, a set of server
 * connections ({@link ServerConnectionOptions#connectionCount()}, 5 by default), each reconnected when it ends; the
 * clients they carry are served by the annotated methods of the {@link UpstreamEventDispatcher}.
 * <p>
 * As the {@link EndpointAvailability} of negotiation and messages, an endpoint is available for a hub it serves only
 * while that hub has a connected server connection to it, as the .NET SDK's {@code HubServiceEndpoint.Online}
 * follows its connections; hubs it does not serve (served over REST and upstream) are left to the registry.
 */
public class DefaultModeServer implements EndpointAvailability {

	private final ServiceEndpointRegistry registry;

	private final SignalRTokenService tokens;

	private final Supplier<? extends Collection<String>> hubs;

	private final Set<String> served = new TreeSet<>();

	private final ServerConnectionContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	private final ScheduledExecutorService scheduler;

	private final ExecutorService hubCalls;

	private final SignalRListener listener;

	private final List<HubEndpointConnections> connections = new ArrayList<>();

	private boolean running;

	/**
	 * @param hubs the hubs to serve, in any case, asked for when the server starts (annotated methods are registered
	 * while the application context refreshes)
	 */
	public DefaultModeServer(ServiceEndpointRegistry registry, SignalRTokenService tokens,
			UpstreamEventDispatcher dispatcher, JsonMapper json, Supplier<? extends Collection<String>> hubs,
			ServerConnectionOptions options) {
		this(registry, tokens, dispatcher, json, hubs, options, SignalRListener.NONE);
	}

	/**
	 * @param hubs the hubs to serve, in any case, asked for when the server starts
	 * @param listener told when a server connection connects, is lost or fails to connect
	 */
	public DefaultModeServer(ServiceEndpointRegistry registry, SignalRTokenService tokens,
			UpstreamEventDispatcher dispatcher, JsonMapper json, Supplier<? extends Collection<String>> hubs,
			ServerConnectionOptions options, SignalRListener listener) {
		this.registry = registry;
		this.listener = listener;
		this.tokens = tokens;
		this.hubs = hubs;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "signalr-server-connections");
			thread.setDaemon(true);
			return thread;
		});
		this.hubCalls = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "signalr-hub-call");
			thread.setDaemon(true);
			return thread;
		});
		this.context = new ServerConnectionContext(options, dispatcher, json, this.hubCalls, Clock.systemUTC(),
				new Acks(options.ackTimeout()));
	}

	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.hubs.get().forEach((hub) -> this.served.add(hub.toLowerCase(Locale.ROOT)));
		for (ServiceEndpoint endpoint : this.registry.endpoints()) {
			for (String hub : this.served) {
				HubEndpointConnections set = new HubEndpointConnections(hub, endpoint.id(), this.registry,
						this.tokens, this.context, this.http, this.scheduler, this.listener);
				this.connections.add(set);
				set.start();
			}
		}
		this.scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
	}

	private void tick() {
		List<HubEndpointConnections> sets;
		synchronized (this) {
			sets = List.copyOf(this.connections);
		}
		sets.forEach(HubEndpointConnections::tick);
	}

	/**
	 * Stops: with a graceful shutdown timeout, first tells the service on every connection ({@code shutdown fin:2},
	 * repeated every 5 s until {@code finack}, as the SDK does), which then routes no new client here, and waits for
	 * the clients to go, at most that long; then closes every connection.
	 */
	public void stop() {
		Duration timeout = this.context.options().gracefulShutdownTimeout();
		if (!timeout.isZero()) {
			new GracefulShutdown(snapshot(), this.context.clock()).run(timeout);
		}
		stopNow();
	}

	private synchronized List<HubEndpointConnections> snapshot() {
		return List.copyOf(this.connections);
	}

	private synchronized void stopNow() {
		this.running = false;
		this.connections.forEach(HubEndpointConnections::stop);
		this.connections.clear();
		this.scheduler.shutdownNow();
		this.hubCalls.shutdown();
	}

	public synchronized boolean isRunning() {
		return this.running;
	}

	/**
	 * The hubs served, lower-cased.
	 */
	public synchronized Set<String> hubs() {
		return Set.copyOf(this.served);
	}

	/**
	 * Connected server connections per endpoint and hub.
	 */
	public synchronized Map<EndpointId, Map<String, Integer>> connectedCounts() {
		Map<EndpointId, Map<String, Integer>> counts = new LinkedHashMap<>();
		for (HubEndpointConnections set : this.connections) {
			counts.computeIfAbsent(set.endpoint(), (id) -> new LinkedHashMap<>())
				.put(set.hub(), set.connectedCount());
		}
		return counts;
	}

	/**
	 * Whether the endpoint has any connected server connection: an endpoint without is offline for negotiate.
	 */
	public synchronized boolean isOnline(EndpointId endpoint) {
		return this.connections.stream()
			.anyMatch((set) -> set.endpoint().equals(endpoint) && set.connectedCount() > 0);
	}

	/**
	 * Whether the endpoint can take clients and messages of {@code hub}: for a hub served here (or to be served, before
	 * the start), only while it has a connected server connection to the endpoint; for any other hub, yes.
	 */
	@Override
	public synchronized boolean isAvailable(String hub, EndpointId endpoint) {
		String key = hub.toLowerCase(Locale.ROOT);
		boolean served = this.running ? this.served.contains(key)
				: (this.served.contains(key) || this.hubs.get()
					.stream()
					.anyMatch((name) -> name.toLowerCase(Locale.ROOT).equals(key)));
		return !served || this.connections.stream()
			.anyMatch((set) -> set.hub().equals(key) && set.endpoint().equals(endpoint) && set.connectedCount() > 0);
	}

	synchronized List<HubEndpointConnections> connections(String hub) {
		String key = hub.toLowerCase(Locale.ROOT);
		return this.connections.stream().filter((set) -> set.hub().equals(key)).toList();
	}

	Acks acks() {
		return this.context.acks();
	}

}
