package io.github.springsignalr.actuate.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.springsignalr.actuate.KeyRefreshStatus;
import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.endpoint.SignalRListener.KeyRefreshFailure;
import io.github.springsignalr.endpoint.SignalRListener.NegotiationOutcome;
import io.github.springsignalr.endpoint.SignalRListener.RestCallOutcome;
import io.github.springsignalr.endpoint.SignalRListener.ServerConnectionEvent;
import io.github.springsignalr.endpoint.SignalRListener.TokenKind;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters, on a {@link SimpleMeterRegistry}: registered per endpoint as endpoints come and go, counted per tag,
 * rotations told apart by source.
 */
class SignalRMetersTests {

	private static final String EAST_KEY = "ZWFzdC1tZXRlcnMtdGVzdC1rZXktbm90LWEtcmVhbC0=";

	private static final String EAST_NEW_KEY = "ZWFzdC1yb3RhdGVkLXRlc3Qta2V5LW5vdC1hLXJlYWw=";

	private static final EndpointId EAST = new EndpointId("east", EndpointType.PRIMARY);

	private static final EndpointId WEST = new EndpointId("west", EndpointType.SECONDARY);

	private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
			List.of(ServiceEndpoint.of("east", EndpointType.PRIMARY, connectionString("east", EAST_KEY))), null);

	private final SignalRMeters meters = new SignalRMeters(this.meterRegistry, this.registry,
			KeyRefreshStatusSource.NONE);

	@Test
	void everyMeterOfAnEndpointExistsAtZeroFromTheStart() {
		assertThat(counter(SignalRMeters.TOKENS_ISSUED, "east-primary", "kind", "client")).isZero();
		assertThat(counter(SignalRMeters.TOKENS_ISSUED, "east-primary", "kind", "rest")).isZero();
		assertThat(counter(SignalRMeters.NEGOTIATIONS, "east-primary", "outcome", "success")).isZero();
		assertThat(counter(SignalRMeters.NEGOTIATIONS, "none", "outcome", "no_endpoint")).isZero();
		assertThat(timer("east-primary", "io_error").count()).isZero();
		assertThat(counter(SignalRMeters.KEY_REFRESH_FAILURES, "east-primary", "reason", "source_error")).isZero();
		assertThat(online("east-primary"))
			.isEqualTo(1.0);
	}

	@Test
	void countsTokensNegotiationsAndRefreshFailuresByTag() {
		this.meters.tokenIssued(EAST, TokenKind.CLIENT);
		this.meters.tokenIssued(EAST, TokenKind.CLIENT);
		this.meters.tokenIssued(EAST, TokenKind.REST);
		this.meters.negotiated(EAST, NegotiationOutcome.SUCCESS);
		this.meters.negotiated(EAST, NegotiationOutcome.ERROR);
		this.meters.negotiated(null, NegotiationOutcome.NO_ENDPOINT);
		this.meters.keyRefreshFailed(EAST, KeyRefreshFailure.INVALID_VALUE);
		assertThat(counter(SignalRMeters.TOKENS_ISSUED, "east-primary", "kind", "client")).isEqualTo(2);
		assertThat(counter(SignalRMeters.TOKENS_ISSUED, "east-primary", "kind", "rest")).isEqualTo(1);
		assertThat(counter(SignalRMeters.NEGOTIATIONS, "east-primary", "outcome", "success")).isEqualTo(1);
		assertThat(counter(SignalRMeters.NEGOTIATIONS, "east-primary", "outcome", "error")).isEqualTo(1);
		assertThat(counter(SignalRMeters.NEGOTIATIONS, "none", "outcome", "no_endpoint")).isEqualTo(1);
		assertThat(counter(SignalRMeters.KEY_REFRESH_FAILURES, "east-primary", "reason", "invalid_value"))
			.isEqualTo(1);
		assertThat(counter(SignalRMeters.KEY_REFRESH_FAILURES, "east-primary", "reason", "source_error")).isZero();
	}

	@Test
	void timesRestCallsByOutcome() {
		this.meters.restCalled(EAST, RestCallOutcome.SUCCESS, TimeUnit.MILLISECONDS.toNanos(12));
		this.meters.restCalled(EAST, RestCallOutcome.SUCCESS, TimeUnit.MILLISECONDS.toNanos(8));
		this.meters.restCalled(EAST, RestCallOutcome.UNAUTHORIZED, TimeUnit.MILLISECONDS.toNanos(3));
		Timer success = timer("east-primary", "success");
		assertThat(success.count()).isEqualTo(2);
		assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(20.0);
		assertThat(timer("east-primary", "unauthorized").count()).isEqualTo(1);
		assertThat(timer("east-primary", "server_error").count()).isZero();
	}

	@Test
	void countsThrottledCallsAndRetriesByOutcome() {
		assertThat(timer("east-primary", "throttled").count()).isZero();
		assertThat(counter(SignalRMeters.REST_RETRIES, "east-primary", "outcome", "throttled")).isZero();
		this.meters.restCalled(EAST, RestCallOutcome.THROTTLED, TimeUnit.MILLISECONDS.toNanos(2));
		this.meters.restRetried(EAST, RestCallOutcome.THROTTLED);
		this.meters.restRetried(EAST, RestCallOutcome.SERVER_ERROR);
		assertThat(timer("east-primary", "throttled").count()).isEqualTo(1);
		assertThat(counter(SignalRMeters.REST_RETRIES, "east-primary", "outcome", "throttled")).isEqualTo(1);
		assertThat(counter(SignalRMeters.REST_RETRIES, "east-primary", "outcome", "server_error")).isEqualTo(1);
		assertThat(counter(SignalRMeters.REST_RETRIES, "east-primary", "outcome", "io_error")).isZero();
	}

	@Test
	void theOnlineGaugeFollowsTheHealthChecksVerdict() {
		this.registry.update(EAST, (endpoint) -> endpoint.withOnline(false));
		assertThat(online("east-primary"))
			.isZero();
	}

	@Test
	void aKeyChangeIsARotationCountedBySource() {
		this.registry.update(EAST, (endpoint) -> endpoint
			.withConnectionString(ConnectionString.parse(connectionString("east", EAST_NEW_KEY))))
			.ifPresent(this.meters::onEndpointsChanged);
		assertThat(counter(SignalRMeters.KEY_ROTATIONS, "east-primary", "source", "configuration")).isEqualTo(1);
		// A key taken away (no valid version left), or given back, is not a rotation.
		this.registry.update(EAST, (endpoint) -> endpoint.withAccessKey(null))
			.ifPresent(this.meters::onEndpointsChanged);
		this.registry.update(EAST, (endpoint) -> endpoint
			.withConnectionString(ConnectionString.parse(connectionString("east", EAST_KEY))))
			.ifPresent(this.meters::onEndpointsChanged);
		assertThat(this.meterRegistry.find(SignalRMeters.KEY_ROTATIONS).counters()).singleElement()
			.satisfies((counter) -> assertThat(counter.count()).isEqualTo(1));
	}

	@Test
	void aRotationOfAKeyFollowedInKeyVaultIsCountedAsSuch() {
		MeterRegistry meterRegistry = new SimpleMeterRegistry();
		SignalRMeters followed = new SignalRMeters(meterRegistry, this.registry,
				(id) -> Optional.of(new KeyRefreshStatus("https://vault.vault.azure.net/secrets/east", "v2", null,
						null, null, Duration.ZERO, false)));
		this.registry.update(EAST, (endpoint) -> endpoint
			.withConnectionString(ConnectionString.parse(connectionString("east", EAST_NEW_KEY))))
			.ifPresent(followed::onEndpointsChanged);
		assertThat(meterRegistry.get(SignalRMeters.KEY_ROTATIONS)
			.tag("endpoint", "east-primary")
			.tag("source", "key-vault")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void endpointsAddedAtRunTimeGetMetersAndRemovedOnesLoseThem() {
		this.registry
			.update((endpoints) -> List.of(endpoints.get(0),
					ServiceEndpoint.of("west", EndpointType.SECONDARY, connectionString("west", EAST_NEW_KEY))))
			.ifPresent(this.meters::onEndpointsChanged);
		assertThat(counter(SignalRMeters.TOKENS_ISSUED, "west-secondary", "kind", "client")).isZero();
		this.meters.tokenIssued(WEST, TokenKind.CLIENT);
		assertThat(counter(SignalRMeters.TOKENS_ISSUED, "west-secondary", "kind", "client")).isEqualTo(1);

		this.registry.update((endpoints) -> List.of(endpoints.get(1))).ifPresent(this.meters::onEndpointsChanged);
		// A token signed just before the removal does not bring the meters back.
		this.meters.tokenIssued(EAST, TokenKind.REST);
		assertThat(this.meterRegistry.getMeters()).map(Meter::getId)
			.noneMatch((id) -> "east-primary".equals(id.getTag("endpoint")))
			.anyMatch((id) -> "west-secondary".equals(id.getTag("endpoint")));
	}

	@Test
	void theUnnamedEndpointIsTaggedByItsType() {
		MeterRegistry meterRegistry = new SimpleMeterRegistry();
		new SignalRMeters(meterRegistry,
				new ServiceEndpointRegistry(List.of(ServiceEndpoint.of(connectionString("a", EAST_KEY))), null),
				KeyRefreshStatusSource.NONE);
		assertThat(meterRegistry.get(SignalRMeters.ENDPOINT_ONLINE).tag("endpoint", "primary").gauge().value())
			.isEqualTo(1.0);
	}

	@Test
	void serverConnectionMetersAreRegisteredOnTheFirstEventOfAHubCountedAndRemovedWithTheEndpoint() {
		Map<String, Integer> chat = new ConcurrentHashMap<>(Map.of("chat", 0));
		SignalRMeters withServer = new SignalRMeters(this.meterRegistry, this.registry, KeyRefreshStatusSource.NONE,
				(endpoint) -> endpoint.equals(EAST) ? chat : null);
		assertThat(this.meterRegistry.find(SignalRMeters.SERVER_CONNECTIONS).meters()).isEmpty();

		withServer.serverConnectionChanged(EAST, "chat", ServerConnectionEvent.CONNECTED);
		chat.put("chat", 5);
		assertThat(serverConnections("chat")).isEqualTo(5);
		assertThat(serverCounter(SignalRMeters.SERVER_CONNECTION_DROPS)).isZero();
		withServer.serverConnectionChanged(EAST, "chat", ServerConnectionEvent.DROPPED);
		withServer.serverConnectionChanged(EAST, "chat", ServerConnectionEvent.FAILED);
		withServer.serverConnectionChanged(EAST, "chat", ServerConnectionEvent.FAILED);
		withServer.serverConnectionChanged(EAST, "chat", ServerConnectionEvent.RECONNECTED);
		chat.put("chat", 4);
		assertThat(serverConnections("chat")).isEqualTo(4);
		assertThat(serverCounter(SignalRMeters.SERVER_CONNECTION_DROPS)).isEqualTo(1);
		assertThat(serverCounter(SignalRMeters.SERVER_CONNECTION_FAILURES)).isEqualTo(2);
		assertThat(serverCounter(SignalRMeters.SERVER_CONNECTION_RECONNECTS)).isEqualTo(1);

		withServer.serverConnectionChanged(WEST, "chat", ServerConnectionEvent.FAILED);
		assertThat(this.meterRegistry.find(SignalRMeters.SERVER_CONNECTION_FAILURES).tag("endpoint", "west-secondary")
			.meters()).as("no meters for an endpoint not in the registry").isEmpty();

		ServiceEndpointsChangedEvent removed = this.registry.update((endpoints) -> List.of()).orElseThrow();
		withServer.onEndpointsChanged(removed);
		assertThat(this.meterRegistry.find(SignalRMeters.SERVER_CONNECTIONS).meters()).isEmpty();
		assertThat(this.meterRegistry.find(SignalRMeters.SERVER_CONNECTION_DROPS).meters()).isEmpty();
	}

	private double serverConnections(String hub) {
		return this.meterRegistry.get(SignalRMeters.SERVER_CONNECTIONS).tags("endpoint", "east-primary", "hub", hub)
			.gauge()
			.value();
	}

	private double serverCounter(String name) {
		return this.meterRegistry.get(name).tags("endpoint", "east-primary", "hub", "chat").counter().count();
	}

	private double counter(String name, String endpoint, String tag, String value) {
		return this.meterRegistry.get(name).tag("endpoint", endpoint).tag(tag, value).counter().count();
	}

	private Timer timer(String endpoint, String outcome) {
		return this.meterRegistry.get(SignalRMeters.REST_CALLS)
			.tag("endpoint", endpoint)
			.tag("outcome", outcome)
			.timer();
	}

	private double online(String endpoint) {
		return this.meterRegistry.get(SignalRMeters.ENDPOINT_ONLINE).tag("endpoint", endpoint).gauge().value();
	}

	private static String connectionString(String host, String key) {
		return "Endpoint=https://" + host + ".service.signalr.net;AccessKey=" + key + ";Version=1.0;";
	}

}
