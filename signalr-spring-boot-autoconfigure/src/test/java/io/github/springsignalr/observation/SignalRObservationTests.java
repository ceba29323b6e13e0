package io.github.springsignalr.observation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorExtension;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.NoAvailableEndpointException;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.rest.DefaultSignalRRestObservationConvention;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.DefaultSignalRNegotiationObservationConvention;
import io.github.springsignalr.token.NegotiateResponse;
import io.github.springsignalr.token.SignalRNegotiator;
import io.github.springsignalr.token.SignalRTokenService;
import io.github.springsignalr.upstream.DefaultSignalRUpstreamObservationConvention;
import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.SignalRHubException;
import io.github.springsignalr.upstream.SignalRMessage;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's Micrometer observations, against the emulator over real sockets: their names, their low- and
 * high-cardinality keys, and that no key value holds an access key, a token, a user id, a group or a connection id.
 */
class SignalRObservationTests {

	private static final String USER = "alice-7f3a9";

	private static final String GROUP = "room-4242";

	private static final String CONNECTION = "conn-9d8e7f";

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	/** Every context stopped, for the check on all values. */
	private final Queue<Observation.Context> stopped = new ConcurrentLinkedQueue<>();

	@RegisterExtension
	static final SignalREmulatorExtension eastEmulator = SignalREmulatorExtension.builder().build();

	@RegisterExtension
	static final SignalREmulatorExtension westEmulator = SignalREmulatorExtension.builder().build();

	private final SignalREmulator east = eastEmulator.emulator();

	private final SignalREmulator west = westEmulator.emulator();

	private final ServiceEndpoint eastEndpoint = ServiceEndpoint.of("east", EndpointType.PRIMARY,
			this.east.primaryConnectionString());

	private final ServiceEndpoint westEndpoint = ServiceEndpoint.of("west", EndpointType.PRIMARY,
			this.west.primaryConnectionString());

	private final SignalRTokenService tokens = new SignalRTokenService();

	SignalRObservationTests() {
		this.observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				SignalRObservationTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}

	@Test
	void restCallsAreObservedPerEndpointWithTheOperationAndOutcome() {
		SignalRTemplate template = template(List.of(this.eastEndpoint));
		template.sendToUser("Chat", USER, "message", "hello");
		template.addUserToGroup("chat", GROUP, USER);
		assertThat(template.connectionExists("chat", CONNECTION)).isFalse();
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasNumberOfObservationsWithNameEqualTo(DefaultSignalRRestObservationConvention.NAME, 3)
			.forAllObservationsWithNameEqualTo(DefaultSignalRRestObservationConvention.NAME,
					(observation) -> observation.hasLowCardinalityKeyValue("endpoint", "east-primary")
						.hasHighCardinalityKeyValue("hub", "chat"));
		assertThat(restKeys("operation")).containsExactly("send_to_user", "add_user_to_group", "connection_exists");
		// The emulator answers for a connection it does not have with 404 Warning.Connection.NotExisted.
		assertThat(restKeys("outcome")).containsExactly("success", "success", "not_found");
		assertThat(restKeys("status")).containsExactly("202", "200", "404");
		assertThat(restKeys("method")).containsExactly("POST", "PUT", "HEAD");
		assertNoSecretOrPersonalValue();
	}

	@Test
	void aFanOutCallObservesEachEndpointAsAChildOfTheCallersObservation() {
		SignalRTemplate template = template(List.of(this.eastEndpoint, this.westEndpoint));
		Observation parent = Observation.start("test.parent", this.observations);
		parent.scoped(() -> template.sendToAll("chat", "message", "to all"));
		parent.stop();
		List<Observation.Context> rest = this.stopped.stream()
			.filter((context) -> DefaultSignalRRestObservationConvention.NAME.equals(context.getName()))
			.toList();
		assertThat(rest).hasSize(2)
			.allSatisfy((context) -> assertThat(context.getParentObservation()).isSameAs(parent));
		assertThat(rest).extracting((context) -> context.getLowCardinalityKeyValue("endpoint").getValue())
			.containsExactlyInAnyOrder("east-primary", "west-primary");
		assertThat(rest).extracting((context) -> context.getLowCardinalityKeyValue("operation").getValue())
			.containsOnly("send_to_all");
		assertNoSecretOrPersonalValue();
	}

	@Test
	void negotiationsAreObservedWithoutUserOrToken() {
		SignalRNegotiator negotiator = new SignalRNegotiator(registry(List.of(this.eastEndpoint)),
				new DefaultEndpointRouter(), this.tokens, SignalRListener.NONE);
		negotiator.setObservationRegistry(this.observations);
		NegotiateResponse answer = negotiator.negotiate(ClientTokenRequest.of("chat", USER));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo(DefaultSignalRNegotiationObservationConvention.NAME)
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("endpoint", "east-primary")
			.hasLowCardinalityKeyValue("operation", "negotiate")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("hub", "chat");
		assertThat(allValues()).noneMatch((value) -> value.contains(answer.accessToken()));
		assertNoSecretOrPersonalValue();
	}

	@Test
	void aNegotiationWithoutEndpointIsObservedAsSuch() {
		SignalRNegotiator negotiator = new SignalRNegotiator(registry(List.of()), new DefaultEndpointRouter(),
				this.tokens, SignalRListener.NONE);
		negotiator.setObservationRegistry(this.observations);
		try {
			negotiator.negotiate(ClientTokenRequest.of("chat", USER));
		}
		catch (NoAvailableEndpointException ex) {
			// expected: observed below
		}
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo(DefaultSignalRNegotiationObservationConvention.NAME)
			.that()
			.hasLowCardinalityKeyValue("endpoint", "none")
			.hasLowCardinalityKeyValue("outcome", "no_endpoint")
			.hasError();
	}

	@Test
	void upstreamEventsAreObservedByTheMethodsTargetAndOutcome() {
		UpstreamEventDispatcher dispatcher = new UpstreamEventDispatcher(JsonMapper.shared());
		dispatcher.setObservationRegistry(this.observations);
		dispatcher.register(new Hub());
		dispatcher.dispatch(context("connections", "connected"), bytes("{\"type\":10}"));
		dispatcher.dispatch(context("messages", "Echo"), invocation("Echo", "\"" + USER + "\""));
		dispatcher.dispatch(context("messages", "refuse"), invocation("refuse"));
		dispatcher.dispatch(context("messages", "madeUp" + USER), invocation("madeUp" + USER));
		dispatcher.dispatch(context("messages", "echo"), invocation("echo", "1", "2"));
		dispatcher.dispatch(context("other", "x"), bytes("{}"));
		List<Observation.Context> upstream = this.stopped.stream()
			.filter((context) -> DefaultSignalRUpstreamObservationConvention.NAME.equals(context.getName()))
			.toList();
		assertThat(upstream).extracting((context) -> context.getLowCardinalityKeyValue("category").getValue() + " "
				+ context.getLowCardinalityKeyValue("event").getValue() + " "
				+ context.getLowCardinalityKeyValue("operation").getValue() + " "
				+ context.getLowCardinalityKeyValue("outcome").getValue())
			.containsExactly("connections connected connected success", "messages echo invoke success",
					"messages refuse invoke hub_error", "messages unknown invoke no_method",
					"messages echo invoke invalid_arguments", "unknown unknown unknown bad_request");
		assertThat(upstream).allSatisfy(
				(context) -> assertThat(context.getHighCardinalityKeyValue("hub").getValue()).isEqualTo("chat"));
		assertNoSecretOrPersonalValue();
	}

	private List<String> restKeys(String key) {
		return this.stopped.stream()
			.filter((context) -> DefaultSignalRRestObservationConvention.NAME.equals(context.getName()))
			.map((context) -> context.getLowCardinalityKeyValue(key).getValue())
			.toList();
	}

	private Stream<String> allValues() {
		return this.stopped.stream()
			.flatMap((context) -> Stream.concat(context.getLowCardinalityKeyValues().stream(),
					context.getHighCardinalityKeyValues().stream()))
			.flatMap((keyValue) -> Stream.of(keyValue.getKey(), keyValue.getValue()));
	}

	private void assertNoSecretOrPersonalValue() {
		assertThat(this.stopped).isNotEmpty();
		List<String> values = allValues().toList();
		assertThat(values).isNotEmpty();
		for (ServiceEndpoint endpoint : List.of(this.eastEndpoint, this.westEndpoint)) {
			String key = endpoint.accessKey().value();
			assertThat(values).as("no access key").noneMatch((value) -> value.contains(key));
		}
		assertThat(values).as("no JWT").noneMatch((value) -> value.contains("eyJ"));
		assertThat(values).as("no user, group or connection id")
			.noneMatch((value) -> value.contains(USER) || value.contains(GROUP) || value.contains(CONNECTION)
					|| value.contains("/api/hubs") || value.contains("c-upstream"));
		assertThat(this.stopped).extracting(Observation.Context::getContextualName)
			.allSatisfy((name) -> assertThat(String.valueOf(name)).doesNotContain(USER).doesNotContain(GROUP));
	}

	private SignalRTemplate template(List<ServiceEndpoint> endpoints) {
		return new SignalRTemplate(registry(endpoints), new DefaultEndpointRouter(), this.tokens, RestClient.create(),
				null, null, SignalRListener.NONE)
			.withObservations(this.observations, null);
	}

	private static ServiceEndpointRegistry registry(List<ServiceEndpoint> endpoints) {
		return new ServiceEndpointRegistry(endpoints, null);
	}

	private static InvocationContext context(String category, String event) {
		return new InvocationContext("chat", category, event, "c-upstream", USER, Map.of(), Map.of(), Map.of(), null);
	}

	private static byte[] invocation(String target, String... arguments) {
		return bytes("{\"type\":1,\"invocationId\":\"1\",\"target\":\"" + target + "\",\"arguments\":["
				+ String.join(",", arguments) + "]}\u001e");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static class Hub {

		@io.github.springsignalr.upstream.SignalRConnected(hub = "chat")
		void connected() {
		}

		@SignalRMessage(hub = "chat", target = "echo")
		String echo(String text) {
			return text;
		}

		@SignalRMessage(hub = "chat")
		void refuse() {
			throw new SignalRHubException("no");
		}

	}


}
