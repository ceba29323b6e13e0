package io.github.springsignalr.rest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.token.SignalRTokenService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which {@link io.github.springsignalr.endpoint.EndpointRouter} method decides each operation of
 * {@link SignalRTemplate}, with what, and that the endpoints it returns are the ones called: two real HTTP servers,
 * east and west, and a router that sends everything to west and records what it was asked.
 */
class SignalRTemplateRoutingTests {

	private static final String KEY = "cm91dGluZy10ZW1wbGF0ZS10ZXN0cy1vbmx5LWtleS0wMDE=";

	private final RecordingRestServer east = new RecordingRestServer().answer(200, Map.of());

	private final RecordingRestServer west = new RecordingRestServer().answer(200, Map.of());

	private final ServiceEndpoint eastEndpoint = endpoint("east", this.east);

	private final ServiceEndpoint westEndpoint = endpoint("west", this.west);

	private final List<String> asked = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.east.close();
		this.west.close();
	}

	static Stream<Arguments> operations() {
		return Stream.of(
				operation("broadcast", (t) -> t.sendToAll("Chat", "m"), "broadcast chat"),
				operation("broadcast excluding", (t) -> t.sendToAllExcept("chat", List.of("c1"), "m"),
						"broadcast chat"),
				operation("to a user", (t) -> t.sendToUser("chat", "User A", "m"), "user chat User A"),
				operation("to users, one call each", (t) -> t.sendToUsers("chat", List.of("a", "b"), "m"),
						"user chat a", "user chat b"),
				operation("to a connection", (t) -> t.sendToConnection("chat", "c+1", "m"), "connection chat c+1"),
				operation("to a group", (t) -> t.sendToGroup("chat", "room/1", "m"), "group chat room/1"),
				operation("to a group excluding", (t) -> t.sendToGroupExcept("chat", "r", List.of("c1"), "m"),
						"group chat r"),
				operation("connection into a group", (t) -> t.addConnectionToGroup("chat", "r", "c1"),
						"group chat r"),
				operation("connection out of a group", (t) -> t.removeConnectionFromGroup("chat", "r", "c1"),
						"group chat r"),
				operation("user into a group", (t) -> t.addUserToGroup("chat", "r", "u"), "group chat r"),
				operation("user out of a group", (t) -> t.removeUserFromGroup("chat", "r", "u"), "group chat r"),
				operation("user out of every group", (t) -> t.removeUserFromAllGroups("chat", "u"), "user chat u"),
				operation("close a connection", (t) -> t.closeConnection("chat", "c1", "bye"),
						"connection chat c1"),
				operation("connection exists", (t) -> t.connectionExists("chat", "c1"), "connection chat c1"),
				operation("user exists", (t) -> t.userExists("chat", "u"), "user chat u"),
				operation("group exists", (t) -> t.groupExists("chat", "r"), "group chat r"));
	}

	@ParameterizedTest
	@MethodSource("operations")
	void eachOperationAsksTheRouterForItsKindAndGoesWhereItSays(Consumer<SignalRTemplate> operation,
			List<String> expected) {
		operation.accept(template(new WestOnly()));
		assertThat(this.asked).containsExactlyElementsOf(expected);
		assertThat(this.east.requests()).isEmpty();
		assertThat(this.west.requests()).hasSize(expected.size());
	}

	@Test
	void theDefaultRouterSendsEveryOperationToEveryOnlineEndpoint() {
		SignalRResult result = template(new DefaultEndpointRouter()).sendToGroup("chat", "r", "m");
		assertThat(result.results()).extracting(EndpointResult::endpoint)
			.containsExactly(this.eastEndpoint.id(), this.westEndpoint.id());
		assertThat(this.east.requests()).hasSize(1);
		assertThat(this.west.requests()).hasSize(1);
	}

	@Test
	void chosenEndpointsTakeThePlaceOfTheRouter() {
		SignalRTemplate east = template(new WestOnly()).withEndpoints(this.eastEndpoint.id());
		SignalRResult result = east.sendToUser("chat", "u", "m");
		assertThat(result.results()).extracting(EndpointResult::endpoint).containsExactly(this.eastEndpoint.id());
		assertThat(this.asked).isEmpty();
		assertThat(this.west.requests()).isEmpty();
		// The choice carries over to templates derived from it.
		east.forApplication("app").withCallTimeout(java.time.Duration.ofSeconds(5)).sendToAll("chat", "m");
		assertThat(this.east.requests()).hasSize(2);
		assertThat(this.west.requests()).isEmpty();
	}

	@Test
	void anEndpointThatIsNotConfiguredCannotBeChosen() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> template(new DefaultEndpointRouter())
				.withEndpoints(new EndpointId("north", EndpointType.PRIMARY)))
			.withMessageContaining("No endpoint north:primary is configured")
			.withMessageContaining("east:primary, west:primary");
		assertThatIllegalArgumentException().isThrownBy(() -> template(new DefaultEndpointRouter()).withEndpoints());
	}

	@Test
	void aChosenEndpointThatIsOfflineLeavesNothingToCallAndFailsClearly() {
		ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
				List.of(this.eastEndpoint.withOnline(false), this.westEndpoint), null);
		SignalRTemplate template = new SignalRTemplate(registry, new DefaultEndpointRouter(), new SignalRTokenService(),
				RestClient.create(), null, null, SignalRListener.NONE)
			.withEndpoints(this.eastEndpoint.id());
		assertThatThrownBy(() -> template.sendToAll("chat", "m")).isInstanceOf(SignalRRestException.class)
			.hasMessageContaining("No Azure SignalR endpoint is online or chosen");
		assertThat(this.west.requests()).isEmpty();
	}

	@Test
	void aRouterThatChoosesNothingFailsTheOperationAndOneNamedTwiceIsCalledOnce() {
		SignalRTemplate template = template(new WestOnly() {

			@Override
			public List<ServiceEndpoint> endpointsForBroadcast(String hub, List<ServiceEndpoint> endpoints) {
				return List.of();
			}

			@Override
			public List<ServiceEndpoint> endpointsForUser(String hub, String userId, List<ServiceEndpoint> endpoints) {
				return List.of(endpoints.get(1), endpoints.get(1));
			}

		});
		assertThatThrownBy(() -> template.sendToAll("chat", "m")).isInstanceOf(SignalRRestException.class);
		assertThat(template.sendToUser("chat", "u", "m").results()).hasSize(1);
		assertThat(this.west.requests()).hasSize(1);
		assertThat(this.east.requests()).isEmpty();
	}

	private SignalRTemplate template(DefaultEndpointRouter router) {
		return new SignalRTemplate(new ServiceEndpointRegistry(List.of(this.eastEndpoint, this.westEndpoint), null),
				router, new SignalRTokenService(), RestClient.create(), null, null, SignalRListener.NONE);
	}

	private static Arguments operation(String name, Consumer<SignalRTemplate> operation, String... expected) {
		return Arguments.of(Named.of(name, operation), List.of(expected));
	}

	private static ServiceEndpoint endpoint(String name, RecordingRestServer server) {
		return ServiceEndpoint.of(name, EndpointType.PRIMARY,
				"Endpoint=" + server.url() + ";AccessKey=" + KEY + ";Version=1.0;");
	}

	/** Everything to west, the second endpoint; what it was asked is recorded. */
	private class WestOnly extends DefaultEndpointRouter {

		@Override
		public List<ServiceEndpoint> endpointsForBroadcast(String hub, List<ServiceEndpoint> endpoints) {
			return west("broadcast " + hub, endpoints);
		}

		@Override
		public List<ServiceEndpoint> endpointsForUser(String hub, String userId, List<ServiceEndpoint> endpoints) {
			return west("user " + hub + " " + userId, endpoints);
		}

		@Override
		public List<ServiceEndpoint> endpointsForGroup(String hub, String group, List<ServiceEndpoint> endpoints) {
			return west("group " + hub + " " + group, endpoints);
		}

		@Override
		public List<ServiceEndpoint> endpointsForConnection(String hub, String connectionId,
				List<ServiceEndpoint> endpoints) {
			return west("connection " + hub + " " + connectionId, endpoints);
		}

		private List<ServiceEndpoint> west(String question, List<ServiceEndpoint> endpoints) {
			SignalRTemplateRoutingTests.this.asked.add(question);
			assertThat(endpoints).extracting(ServiceEndpoint::id)
				.containsExactly(SignalRTemplateRoutingTests.this.eastEndpoint.id(),
						SignalRTemplateRoutingTests.this.westEndpoint.id());
			return endpoints.stream().filter((endpoint) -> endpoint.name().equals("west")).toList();
		}

	}

}
