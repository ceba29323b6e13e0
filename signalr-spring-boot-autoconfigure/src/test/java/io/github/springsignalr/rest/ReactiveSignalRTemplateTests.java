package io.github.springsignalr.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorExtension;
import io.github.springsignalr.emulator.rest.RestFault;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.internal.EndpointKeyRefresher;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.endpoint.SignalRListener.RestCallOutcome;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRTokenService;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ReactiveSignalRTemplate} against emulated services over real sockets, with the official Java client counting
 * what arrived: every online endpoint in parallel with a result each, the retries of {@link SignalRTemplate} (the same
 * listener outcomes), the 401 refresh, existence checks.
 */
class ReactiveSignalRTemplateTests {

	private static final RestRetryPolicy QUICK = new RestRetryPolicy(RestRetryPolicy.Mode.FIXED, 3,
			Duration.ofMillis(20), Duration.ofSeconds(5));

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final SignalRTokenService tokens = new SignalRTokenService();

	private final List<RestCallOutcome> retried = new CopyOnWriteArrayList<>();

	private final List<RestCallOutcome> called = new CopyOnWriteArrayList<>();

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	@RegisterExtension
	static final SignalREmulatorExtension eastEmulator = SignalREmulatorExtension.builder().build();

	@RegisterExtension
	static final SignalREmulatorExtension westEmulator = SignalREmulatorExtension.builder().build();

	private final List<HubConnection> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		this.clients.forEach((client) -> client.stop().blockingAwait(10, TimeUnit.SECONDS));
		eastEmulator.emulator().restFaults().clear();
		westEmulator.emulator().restFaults().clear();
	}

	@Test
	void aSendGoesToEveryOnlineEndpointWithAResultEach() throws Exception {
		ServiceEndpoint east = endpoint(eastEmulator.emulator(), "east", EndpointType.PRIMARY);
		ServiceEndpoint west = endpoint(westEmulator.emulator(), "west", EndpointType.SECONDARY);
		ReactiveSignalRTemplate template = template(List.of(east, west), RestRetryPolicy.NONE, null);
		SignalRResult result = template.sendToAll("chat", "m", "hello").block(WAIT);
		assertThat(result.results()).extracting(EndpointResult::endpoint).containsExactly(east.id(), west.id());
		assertThat(result.results()).extracting(EndpointResult::outcome)
			.containsExactly(EndpointResult.Outcome.OK, EndpointResult.Outcome.OK);
		assertThat(List.of(this.received.poll(10, TimeUnit.SECONDS), this.received.poll(10, TimeUnit.SECONDS)))
			.containsExactly("hello", "hello");
		assertThat(template.userExists("chat", "alice").block(WAIT)).isTrue();
		assertThat(template.userExists("chat", "nobody").block(WAIT)).isFalse();
	}

	@Test
	void aSendRefusedWith503IsRetriedAndArrivesOnce() throws Exception {
		eastEmulator.emulator().restFaults().next(2, RestFault.unavailable());
		ServiceEndpoint endpoint = endpoint(eastEmulator.emulator(), "", null);
		ReactiveSignalRTemplate template = template(List.of(endpoint), QUICK, null);
		assertThat(template.sendToAll("chat", "m", "once").block(WAIT).succeeded()).isTrue();
		assertThat(this.received.poll(10, TimeUnit.SECONDS)).isEqualTo("once");
		assertThat(this.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
		assertThat(this.retried).containsExactly(RestCallOutcome.SERVER_ERROR, RestCallOutcome.SERVER_ERROR);
		assertThat(this.called).containsExactly(RestCallOutcome.SERVER_ERROR, RestCallOutcome.SERVER_ERROR,
				RestCallOutcome.SUCCESS);
	}

	@Test
	void aSendAnswered500IsNotRetriedAndFailsWithTheResult() throws Exception {
		eastEmulator.emulator().restFaults().next(1, RestFault.internalError());
		ServiceEndpoint endpoint = endpoint(eastEmulator.emulator(), "", null);
		ReactiveSignalRTemplate template = template(List.of(endpoint), QUICK, null);
		assertThatExceptionOfType(SignalRRestException.class)
			.isThrownBy(() -> template.sendToAll("chat", "m", "1").block(WAIT))
			.satisfies((ex) -> assertThat(ex.getResult().results()).extracting(EndpointResult::status)
				.containsExactly(500));
		assertThat(this.retried).isEmpty();
		assertThat(this.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void aThrottledCallWaitsForRetryAfterOnTheTimer() throws Exception {
		eastEmulator.emulator().restFaults().next(1, RestFault.throttle(Duration.ofSeconds(1)));
		ServiceEndpoint endpoint = endpoint(eastEmulator.emulator(), "", null);
		ReactiveSignalRTemplate template = template(List.of(endpoint), QUICK, null);
		long start = System.nanoTime();
		assertThat(template.sendToAll("chat", "m", "later").block(WAIT).succeeded()).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(this.received.poll(10, TimeUnit.SECONDS)).isEqualTo("later");
		assertThat(this.retried).containsExactly(RestCallOutcome.THROTTLED);
	}

	@Test
	void aSendRefusedWith401RefreshesTheKeyAndIsRetriedOnce() throws Exception {
		SignalREmulator service = eastEmulator.emulator();
		ServiceEndpoint old = endpoint(service, "", null);
		String newKey = service.regenerateKey(KeyType.PRIMARY);
		ServiceEndpoint refreshed = ServiceEndpoint.of(service.connectionString(KeyType.PRIMARY));
		assertThat(refreshed.accessKey().id()).isNotEqualTo(old.accessKey().id());
		List<EndpointId> refreshes = new CopyOnWriteArrayList<>();
		EndpointKeyRefresher refresher = (id) -> {
			refreshes.add(id);
			return Optional.of(refreshed);
		};
		ReactiveSignalRTemplate template = template(List.of(old), RestRetryPolicy.NONE, refresher);
		assertThat(template.sendToAll("chat", "m", "after 401").block(WAIT).succeeded()).isTrue();
		assertThat(this.received.poll(10, TimeUnit.SECONDS)).isEqualTo("after 401");
		assertThat(refreshes).containsExactly(old.id());
		assertThat(this.called).containsExactly(RestCallOutcome.UNAUTHORIZED, RestCallOutcome.SUCCESS);
		assertThat(newKey).isNotEmpty();
	}

	@Test
	void aBadNameFailsTheMonoNotTheCall() {
		ReactiveSignalRTemplate template = template(List.of(ServiceEndpoint.of(
				"Endpoint=http://127.0.0.1:9;AccessKey=cmV0cnktdGVzdHMtb25seS1rZXktMDAwMDAwMDAwMDA=;Version=1.0;")),
				RestRetryPolicy.NONE, null);
		reactor.core.publisher.Mono<SignalRResult> send = template.sendToUser("chat", "..", "m", "1");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> send.block(WAIT));
		assertThat(this.called).isEmpty();
	}

	@Test
	void aUserAddedForATimeToLiveGetsTheGroupsMessagesOnLaterConnectionsToo() throws Exception {
		ServiceEndpoint endpoint = endpoint(eastEmulator.emulator(), "", null);
		ReactiveSignalRTemplate template = template(List.of(endpoint), RestRetryPolicy.NONE, null);
		assertThat(template.addUserToGroup("chat", "team", "bob", Duration.ofMinutes(5)).block(WAIT).succeeded())
			.isTrue();
		Client bob = connect(eastEmulator.emulator(), endpoint, "bob");
		assertThat(template.isUserInGroup("chat", "team", "bob").block(WAIT)).isTrue();
		assertThat(template.sendToGroup("chat", "team", "m", "to the team").block(WAIT).succeeded()).isTrue();
		assertThat(bob.received().poll(10, TimeUnit.SECONDS)).isEqualTo("to the team");
		assertThat(this.received.poll(300, TimeUnit.MILLISECONDS)).as("alice is not in the team").isNull();
	}

	@Test
	void aBadTimeToLiveFailsTheMonoNotTheCall() {
		ReactiveSignalRTemplate template = template(List.of(ServiceEndpoint.of(
				"Endpoint=http://127.0.0.1:9;AccessKey=cmV0cnktdGVzdHMtb25seS1rZXktMDAwMDAwMDAwMDA=;Version=1.0;")),
				RestRetryPolicy.NONE, null);
		reactor.core.publisher.Mono<SignalRResult> add = template.addUserToGroup("chat", "team", "bob",
				Duration.ofSeconds(-1));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> add.block(WAIT))
			.withMessageContaining("time to live");
		assertThat(this.called).isEmpty();
	}

	@Test
	void closeGroupAndUserConnectionsCloseOnlyTheirsButTheExcluded() throws Exception {
		ServiceEndpoint endpoint = endpoint(eastEmulator.emulator(), "", null);
		SignalREmulator service = eastEmulator.emulator();
		ReactiveSignalRTemplate template = template(List.of(endpoint), RestRetryPolicy.NONE, null);
		Client member = connect(service, endpoint, "ann");
		Client excludedMember = connect(service, endpoint, "ann");
		Client bob = connect(service, endpoint, "bob");
		template.addConnectionToGroup("chat", "ops", member.connection().getConnectionId()).block(WAIT);
		template.addConnectionToGroup("chat", "ops", excludedMember.connection().getConnectionId()).block(WAIT);
		assertThat(template.closeGroupConnections("chat", "ops",
				List.of(excludedMember.connection().getConnectionId()), "group closed")
			.block(WAIT)
			.succeeded()).isTrue();
		assertThat(member.closed().get(10, TimeUnit.SECONDS).getMessage()).contains("group closed");
		assertThat(template.closeUserConnections("chat", "bob", List.of(), "user closed").block(WAIT).succeeded())
			.isTrue();
		assertThat(bob.closed().get(10, TimeUnit.SECONDS).getMessage()).contains("user closed");
		template.sendToAll("chat", "m", "survivors").block(WAIT);
		assertThat(excludedMember.received().poll(10, TimeUnit.SECONDS)).isEqualTo("survivors");
		assertThat(this.received.poll(10, TimeUnit.SECONDS)).as("alice, in neither").isEqualTo("survivors");
	}

	private Client connect(SignalREmulator emulator, ServiceEndpoint endpoint, String user) {
		String token = this.tokens.clientToken(endpoint, ClientTokenRequest.of("chat", user));
		HubConnection connection = HubConnectionBuilder.create(emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.just(token))
			.build();
		Client client = new Client(connection, new LinkedBlockingQueue<>(), new CompletableFuture<>());
		connection.on("m", client.received()::add, String.class);
		connection.onClosed((error) -> client.closed().complete(error));
		connection.start().blockingAwait(15, TimeUnit.SECONDS);
		this.clients.add(connection);
		return client;
	}

	private record Client(HubConnection connection, BlockingQueue<String> received,
			CompletableFuture<Throwable> closed) {
	}

	private ServiceEndpoint endpoint(SignalREmulator emulator, String name, EndpointType type) {
		String connectionString = emulator.primaryConnectionString();
		ServiceEndpoint endpoint = (type != null) ? ServiceEndpoint.of(name, type, connectionString)
				: ServiceEndpoint.of(connectionString);
		String token = this.tokens.clientToken(endpoint, ClientTokenRequest.of("chat", "alice"));
		HubConnection client = HubConnectionBuilder.create(emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.just(token))
			.build();
		client.on("m", this.received::add, String.class);
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		this.clients.add(client);
		return endpoint;
	}

	private ReactiveSignalRTemplate template(List<ServiceEndpoint> endpoints, RestRetryPolicy policy,
			EndpointKeyRefresher refresher) {
		SignalRListener listener = new SignalRListener() {

			@Override
			public void restCalled(EndpointId id, RestCallOutcome outcome, long durationNanos) {
				ReactiveSignalRTemplateTests.this.called.add(outcome);
			}

			@Override
			public void restRetried(EndpointId id, RestCallOutcome outcome) {
				ReactiveSignalRTemplateTests.this.retried.add(outcome);
			}

		};
		return new ReactiveSignalRTemplate(new ServiceEndpointRegistry(endpoints, null), new DefaultEndpointRouter(),
				this.tokens, WebClient.create(), refresher, null, listener).withRetries(policy);
	}

}
