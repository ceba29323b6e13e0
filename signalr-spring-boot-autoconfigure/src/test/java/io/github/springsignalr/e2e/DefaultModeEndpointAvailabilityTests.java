package io.github.springsignalr.e2e;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import io.github.springsignalr.actuate.internal.SignalREndpointsHealthContributor;
import io.github.springsignalr.actuate.internal.SignalRMeters;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Default mode with two endpoints, east and west, each an emulator on a port of its own that can be stopped and
 * started again: an endpoint whose server connections are gone is offline for the hub, as the .NET SDK's
 * {@code HubServiceEndpoint.Online} follows its server connections. Negotiation sends every client to the other, a
 * message goes to the other only, health says so and the meters count the drops; with neither, negotiate answers
 * 503; once the connections are back, both take clients again. And a template restricted with
 * {@link SignalRTemplate#withEndpoints}, or a router's per-operation choice, restricts sends over server connections
 * as it does REST calls. The REST health checks are off, so that only the server connections decide. The emulators are
 * stopped and started again through their beans, which keeps their ports.
 */
@SpringBootTest(
		classes = { ChatApplication.class, ChatEvents.class, DefaultModeEndpointAvailabilityTests.RegionRouting.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
				"azure.signalr.health-check.enabled=false" })
@AutoConfigureSignalREmulator(endpoints = { "east", "west" })
@DirtiesContext
@EndToEndTest
class DefaultModeEndpointAvailabilityTests {

	private static final EndpointId EAST = new EndpointId("east", EndpointType.PRIMARY);

	private static final EndpointId WEST = new EndpointId("west", EndpointType.PRIMARY);

	private static final int NEGOTIATIONS = 20;

	private static final String USER = "east-eve";

	@Autowired
	@Qualifier("east")
	private SignalREmulator east;

	@Autowired
	@Qualifier("west")
	private SignalREmulator west;

	@Autowired
	private ConfigurableApplicationContext app;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<HubConnection> clients = new ArrayList<>();

	@BeforeEach
	void bothConnected() {
		awaitConnections(EAST, 5);
		awaitConnections(WEST, 5);
	}

	@AfterEach
	void stopClients() {
		this.clients.forEach((client) -> client.stop().blockingAwait(10, TimeUnit.SECONDS));
	}

	@Test
	void anEndpointWithoutLiveServerConnectionsIsOfflineForNegotiateAndMessagesUntilTheyAreBack() throws Exception {
		assertThat(negotiatedPorts()).as("both endpoints take clients").containsOnly(this.east.port(), this.west.port())
			.hasSize(2);
		MeterRegistry meters = this.app.getBean(MeterRegistry.class);
		double reconnectsBefore = counter(meters, SignalRMeters.SERVER_CONNECTION_RECONNECTS, WEST);

		this.west.close();
		awaitConnections(WEST, 0);
		assertThat(negotiatedPorts()).as("every client goes to east").containsExactly(this.east.port());
		SignalRResult sent = template().sendToAll("chat", "newMessage", "east only");
		assertThat(sent.results()).extracting(EndpointResult::endpoint).containsExactly(EAST);
		Health health = health(WEST);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).extractingByKey("serverConnections", InstanceOfAssertFactories.MAP)
			.containsEntry("chat", 0);
		assertThat(health.getDetails()).extractingByKey("reason", InstanceOfAssertFactories.STRING)
			.startsWith("no live server connection for hub ")
			.contains("chat");
		assertThat(health(EAST).getStatus()).isEqualTo(Status.UP);
		assertThat(gauge(meters, WEST)).isZero();
		assertThat(gauge(meters, EAST)).isEqualTo(5);
		assertThat(counter(meters, SignalRMeters.SERVER_CONNECTION_DROPS, WEST)).isGreaterThanOrEqualTo(5);
		await("reconnects to a stopped endpoint fail").atMost(Duration.ofSeconds(10))
			.until(() -> counter(meters, SignalRMeters.SERVER_CONNECTION_FAILURES, WEST) >= 1);

		this.east.close();
		awaitConnections(EAST, 0);
		Map<String, Object> refused = ChatApplication.negotiate(this.http, ChatApplication.url(this.app), "chat");
		assertThat(refused).containsEntry("status", 503)
			.containsEntry("error", "No Azure SignalR endpoint is available")
			.doesNotContainKey("url");

		this.east.start();
		this.west.start();
		awaitConnections(EAST, 5);
		awaitConnections(WEST, 5);
		assertThat(negotiatedPorts()).as("both endpoints take clients again")
			.containsOnly(this.east.port(), this.west.port())
			.hasSize(2);
		assertThat(health(WEST).getStatus()).isEqualTo(Status.UP);
		assertThat(counter(meters, SignalRMeters.SERVER_CONNECTION_RECONNECTS, WEST) - reconnectsBefore)
			.isGreaterThanOrEqualTo(5);
	}

	@Test
	void withEndpointsAndTheRoutersChoicesRestrictSendsOverServerConnections() throws Exception {
		Map<EndpointId, HubConnection> byEndpoint = clientOnEachEndpoint();
		Map<EndpointId, BlockingQueue<String>> received = Map.of(EAST, new LinkedBlockingQueue<>(), WEST,
				new LinkedBlockingQueue<>());
		byEndpoint.forEach((endpoint, client) -> client.on("newMessage", received.get(endpoint)::add, String.class));

		SignalRResult eastOnly = template().withEndpoints(EAST).sendToAll("chat", "newMessage", "east only");
		assertThat(eastOnly.results()).extracting(EndpointResult::endpoint).containsExactly(EAST);
		// Users named east-… are routed to east only: both clients are user east-eve, and only east's receives.
		SignalRResult toUser = template().sendToUser("chat", USER, "newMessage", "to user");
		assertThat(toUser.results()).extracting(EndpointResult::endpoint).containsExactly(EAST);
		SignalRResult everyone = template().sendToAll("chat", "newMessage", "everyone");
		assertThat(everyone.results()).extracting(EndpointResult::endpoint).containsExactlyInAnyOrder(EAST, WEST);

		// Sends over different server connections may overtake one another: compared as sets, and west is given a
		// moment after the broadcast for anything sent before it.
		List<String> onEast = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			onEast.add(received.get(EAST).poll(10, TimeUnit.SECONDS));
		}
		assertThat(onEast).containsExactlyInAnyOrder("east only", "to user", "everyone");
		assertThat(received.get(WEST).poll(10, TimeUnit.SECONDS)).isEqualTo("everyone");
		assertThat(received.get(WEST).poll(2, TimeUnit.SECONDS)).as("west received nothing else").isNull();

		// Groups named west-… are routed to west only: east's connection is not there, and the ack says so.
		SignalRResult join = template().addConnectionToGroup("chat", "west-room",
				byEndpoint.get(EAST).getConnectionId());
		assertThat(join.results()).singleElement().satisfies((result) -> {
			assertThat(result.endpoint()).isEqualTo(WEST);
			assertThat(result.outcome()).isEqualTo(EndpointResult.Outcome.NOT_FOUND);
		});
	}

	/**
	 * Connects clients of user {@link #USER} until one is on each endpoint (negotiate picks at random), telling them
	 * apart by the emulators' counts; the others are closed again.
	 */
	private Map<EndpointId, HubConnection> clientOnEachEndpoint() {
		HubConnection onEast = null;
		HubConnection onWest = null;
		for (int i = 0; i < 30 && (onEast == null || onWest == null); i++) {
			int eastBefore = this.east.connectionCount("chat");
			int westBefore = this.west.connectionCount("chat");
			HubConnection client = UpstreamEndToEndTests.connect(ChatApplication.url(this.app), USER);
			// An emulator counts a client once the server has answered its handshake, which may come a moment after
			// the client has started: wait until one of them counts it.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.east.connectionCount("chat") > eastBefore
						|| this.west.connectionCount("chat") > westBefore);
			boolean isOnEast = this.east.connectionCount("chat") > eastBefore;
			if (isOnEast && onEast == null) {
				onEast = client;
			}
			else if (!isOnEast && onWest == null) {
				onWest = client;
			}
			else {
				client.stop().blockingAwait(10, TimeUnit.SECONDS);
				continue;
			}
			this.clients.add(client);
		}
		assertThat(onEast).as("a client on east").isNotNull();
		assertThat(onWest).as("a client on west").isNotNull();
		return Map.of(EAST, onEast, WEST, onWest);
	}

	private Set<Integer> negotiatedPorts() throws Exception {
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < NEGOTIATIONS; i++) {
			Map<String, Object> answer = ChatApplication.negotiate(this.http, ChatApplication.url(this.app), "chat");
			assertThat(answer).containsEntry("status", 200);
			ports.add(java.net.URI.create((String) answer.get("url")).getPort());
		}
		return ports;
	}

	private SignalRTemplate template() {
		return this.app.getBean(SignalRTemplate.class);
	}

	private Health health(EndpointId endpoint) {
		return ((HealthIndicator) this.app.getBean(SignalREndpointsHealthContributor.class)
			.getContributor(SignalREndpointsHealthContributor.componentName(endpoint))).health();
	}

	private static double gauge(MeterRegistry meters, EndpointId endpoint) {
		return meters.get(SignalRMeters.SERVER_CONNECTIONS)
			.tags(SignalRMeters.ENDPOINT_TAG, endpoint.name() + "-primary", SignalRMeters.HUB_TAG, "chat")
			.gauge()
			.value();
	}

	private static double counter(MeterRegistry meters, String name, EndpointId endpoint) {
		return meters.get(name)
			.tags(SignalRMeters.ENDPOINT_TAG, endpoint.name() + "-primary", SignalRMeters.HUB_TAG, "chat")
			.counter()
			.count();
	}

	private void awaitConnections(EndpointId endpoint, int count) {
		DefaultModeServer server = this.app.getBean(DefaultModeServer.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> server.connectedCounts().getOrDefault(endpoint, Map.of()).getOrDefault("chat", -1) == count);
	}

	/**
	 * Users named {@code east-…} live on east, groups named {@code west-…} on west.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RegionRouting {

		@Bean
		EndpointRouter regionRouter() {
			return new DefaultEndpointRouter() {

				@Override
				public List<ServiceEndpoint> endpointsForUser(String hub, String userId,
						List<ServiceEndpoint> endpoints) {
					return userId.startsWith("east-") ? only(EAST, endpoints) : endpoints;
				}

				@Override
				public List<ServiceEndpoint> endpointsForGroup(String hub, String group,
						List<ServiceEndpoint> endpoints) {
					return group.startsWith("west-") ? only(WEST, endpoints) : endpoints;
				}

			};
		}

		private static List<ServiceEndpoint> only(EndpointId id, List<ServiceEndpoint> endpoints) {
			return endpoints.stream().filter((endpoint) -> endpoint.id().equals(id)).toList();
		}

	}

}
