package io.github.springsignalr.actuate.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.actuate.ServerConnectionCounts;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.endpoint.SignalRListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * The starter's Micrometer meters, all tagged with the {@code endpoint} ({@code east-primary}, as health names it):
 * <ul>
 * <li>{@value #TOKENS_ISSUED} (counter; {@code kind} {@code client}, {@code rest})</li>
 * <li>{@value #NEGOTIATIONS} (counter; {@code outcome} {@code success}, {@code no_endpoint} with endpoint
 * {@code none}, {@code error})</li>
 * <li>{@value #REST_CALLS} (timer; {@code outcome} {@code success}, {@code not_found}, {@code unauthorized},
 * {@code client_error}, {@code server_error}, {@code io_error}, {@code throttled})</li>
 * <li>{@value #REST_RETRIES} (counter; {@code outcome} of the try retried, as for {@value #REST_CALLS})</li>
 * <li>{@value #KEY_ROTATIONS} (counter; {@code source} {@code key-vault}, {@code entra}, {@code configuration})</li>
 * <li>{@value #KEY_REFRESH_FAILURES} (counter; {@code reason} {@code source_error}, {@code invalid_value},
 * {@code no_valid_version})</li>
 * <li>{@value #ENDPOINT_ONLINE} (gauge, 1 or 0)</li>
 * </ul>
 * In default mode, tagged with the {@code hub} too (lower-cased), registered on the first event of the hub's server
 * connections to the endpoint:
 * <ul>
 * <li>{@value #SERVER_CONNECTIONS} (gauge, connected server connections)</li>
 * <li>{@value #SERVER_CONNECTION_RECONNECTS} (counter)</li>
 * <li>{@value #SERVER_CONNECTION_DROPS} (counter)</li>
 * <li>{@value #SERVER_CONNECTION_FAILURES} (counter)</li>
 * </ul>
 * An endpoint's meters are registered when it appears (at start-up, or added at run time) and removed when it goes.
 * Counting a token is a map read and an increment. Feed {@link #onEndpointsChanged} every registry change.
 */
public class SignalRMeters implements SignalRListener {

	/** Tokens signed. */
	public static final String TOKENS_ISSUED = "signalr.tokens.issued";

	/** Client negotiations. */
	public static final String NEGOTIATIONS = "signalr.negotiations";

	/** REST API calls, one per endpoint called. */
	public static final String REST_CALLS = "signalr.rest.calls";

	/** Retries of REST API calls. */
	public static final String REST_RETRIES = "signalr.rest.retries";

	/** Changes of the key an endpoint signs with. */
	public static final String KEY_ROTATIONS = "signalr.key.rotations";

	/** Failed key refreshes. */
	public static final String KEY_REFRESH_FAILURES = "signalr.key.refresh.failures";

	/** Whether an endpoint is online. */
	public static final String ENDPOINT_ONLINE = "signalr.endpoint.online";

	/** Connected server connections of default mode. */
	public static final String SERVER_CONNECTIONS = "signalr.server.connections";

	/** Server connections re-established after one was lost or failed to connect. */
	public static final String SERVER_CONNECTION_RECONNECTS = "signalr.server.connection.reconnects";

	/** Connected server connections lost. */
	public static final String SERVER_CONNECTION_DROPS = "signalr.server.connection.drops";

	/** Failed attempts to open a server connection. */
	public static final String SERVER_CONNECTION_FAILURES = "signalr.server.connection.failures";

	/** The tag naming the endpoint. */
	public static final String ENDPOINT_TAG = "endpoint";

	/** The tag naming the hub of server connections. */
	public static final String HUB_TAG = "hub";

	private final MeterRegistry meterRegistry;

	private final ServiceEndpointRegistry endpoints;

	private final KeyRefreshStatusSource refreshStatus;

	private final Map<EndpointId, EndpointMeters> byEndpoint = new ConcurrentHashMap<>();

	private final Counter negotiationsWithoutEndpoint;

	private final ServerConnectionCounts serverConnections;

	private final Map<EndpointId, Map<String, ServerConnectionMeters>> byServerConnections =
			new ConcurrentHashMap<>();

	/**
	 * Registers the meters of every endpoint now in {@code endpoints}.
	 * @param refreshStatus tells which endpoints' keys are followed in Key Vault, for the rotations' source
	 */
	public SignalRMeters(MeterRegistry meterRegistry, ServiceEndpointRegistry endpoints,
			KeyRefreshStatusSource refreshStatus) {
		this(meterRegistry, endpoints, refreshStatus, ServerConnectionCounts.NONE);
	}

	/**
	 * Registers the meters of every endpoint now in {@code endpoints}.
	 * @param refreshStatus tells which endpoints' keys are followed in Key Vault, for the rotations' source
	 * @param serverConnections the connected server connections of default mode, read when the gauge is
	 */
	public SignalRMeters(MeterRegistry meterRegistry, ServiceEndpointRegistry endpoints,
			KeyRefreshStatusSource refreshStatus, ServerConnectionCounts serverConnections) {
		this.meterRegistry = meterRegistry;
		this.endpoints = endpoints;
		this.refreshStatus = refreshStatus;
		this.serverConnections = serverConnections;
		this.negotiationsWithoutEndpoint = EndpointMeters.negotiations(meterRegistry, Tags.of(ENDPOINT_TAG, "none"),
				NegotiationOutcome.NO_ENDPOINT);
		endpoints.endpoints().forEach((endpoint) -> meters(endpoint.id()));
	}

	@Override
	public void tokenIssued(EndpointId endpoint, TokenKind kind) {
		EndpointMeters meters = meters(endpoint);
		if (meters != null) {
			meters.tokenIssued(kind);
		}
	}

	@Override
	public void negotiated(EndpointId endpoint, NegotiationOutcome outcome) {
		if (endpoint == null || outcome == NegotiationOutcome.NO_ENDPOINT) {
			this.negotiationsWithoutEndpoint.increment();
			return;
		}
		EndpointMeters meters = meters(endpoint);
		if (meters != null) {
			meters.negotiated(outcome);
		}
	}

	@Override
	public void restCalled(EndpointId endpoint, RestCallOutcome outcome, long durationNanos) {
		EndpointMeters meters = meters(endpoint);
		if (meters != null) {
			meters.restCalls(outcome).record(durationNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void restRetried(EndpointId endpoint, RestCallOutcome outcome) {
		EndpointMeters meters = meters(endpoint);
		if (meters != null) {
			meters.restRetried(outcome);
		}
	}

	@Override
	public void keyRefreshFailed(EndpointId endpoint, KeyRefreshFailure reason) {
		EndpointMeters meters = meters(endpoint);
		if (meters != null) {
			meters.keyRefreshFailed(reason);
		}
	}

	@Override
	public void serverConnectionChanged(EndpointId endpoint, String hub, ServerConnectionEvent event) {
		if (this.endpoints.find(endpoint).isEmpty()) {
			return;
		}
		this.byServerConnections.computeIfAbsent(endpoint, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(hub,
					(key) -> new ServerConnectionMeters(this.meterRegistry, this.serverConnections, endpoint, hub))
			.record(event);
	}

	/**
	 * Registers the meters of added endpoints, removes those of removed ones, and counts rotations: a change from one
	 * key to another (a key taken away, or given to an endpoint that had none, is not a rotation).
	 */
	public void onEndpointsChanged(ServiceEndpointsChangedEvent event) {
		event.added().forEach((endpoint) -> meters(endpoint.id()));
		for (ServiceEndpoint removed : event.removed()) {
			EndpointMeters meters = this.byEndpoint.remove(removed.id());
			if (meters != null) {
				meters.remove(this.meterRegistry);
			}
			Map<String, ServerConnectionMeters> serverConnectionMeters = this.byServerConnections.remove(removed.id());
			if (serverConnectionMeters != null) {
				serverConnectionMeters.values().forEach((hub) -> hub.remove(this.meterRegistry));
			}
			this.meterRegistry.find(KEY_ROTATIONS)
				.tag(ENDPOINT_TAG, EndpointNames.of(removed.id()))
				.meters()
				.forEach(this.meterRegistry::remove);
		}
		for (ServiceEndpointsChangedEvent.Change change : event.changed()) {
			ServiceEndpoint before = change.before();
			ServiceEndpoint after = change.after();
			if (change.keyChanged() && before.accessKey() != null && after.accessKey() != null) {
				// Rotations are rare: a registry look-up each is fine.
				Counter.builder(KEY_ROTATIONS)
					.description("Changes of the key the endpoint signs with, by where the new key came from")
					.tag(ENDPOINT_TAG, EndpointNames.of(after.id()))
					.tag("source", sourceOf(after))
					.register(this.meterRegistry)
					.increment();
			}
		}
	}

	private String sourceOf(ServiceEndpoint endpoint) {
		if (this.refreshStatus.refreshStatus(endpoint.id()).isPresent()) {
			return "key-vault";
		}
		return endpoint.connectionString().authType().isEntra() ? "entra" : "configuration";
	}

	/**
	 * The endpoint's meters, registered on first use; {@code null} for an endpoint no longer in the registry (a token
	 * signed just before its removal), whose meters must not come back.
	 */
	private @Nullable EndpointMeters meters(EndpointId id) {
		EndpointMeters meters = this.byEndpoint.get(id);
		if (meters != null || this.endpoints.find(id).isEmpty()) {
			return meters;
		}
		return this.byEndpoint.computeIfAbsent(id,
				(key) -> new EndpointMeters(this.meterRegistry, this.endpoints, key));
	}

}
