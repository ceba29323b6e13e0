package io.github.springsignalr.rest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorExtension;
import io.github.springsignalr.emulator.rest.RestFault;
import io.github.springsignalr.emulator.rest.RestFaults;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.EndpointId;
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

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retries of {@link SignalRTemplate} as the .NET Management SDK's {@code RetryHttpMessageHandler} makes them, against
 * the emulator with injected faults, over real sockets, with the official Java client counting what arrived: what
 * the emulator refused plus what the client received is what was sent, so no message is lost or duplicated.
 */
class SignalRTemplateRetryTests {

	private static final RestRetryPolicy QUICK = new RestRetryPolicy(RestRetryPolicy.Mode.FIXED, 3,
			Duration.ofMillis(20), Duration.ofSeconds(5));

	private final SignalRTokenService tokens = new SignalRTokenService();

	private final List<RestCallOutcome> retried = new CopyOnWriteArrayList<>();

	private final List<RestCallOutcome> called = new CopyOnWriteArrayList<>();

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	@RegisterExtension
	static final SignalREmulatorExtension signalr = SignalREmulatorExtension.builder().build();

	private final SignalREmulator emulator = signalr.emulator();

	private HubConnection client;

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
		this.emulator.restFaults().clear();
	}

	@Test
	void withoutRetriesA503IsAFailure() {
		SignalRTemplate template = start((faults) -> faults.next(1, RestFault.unavailable()),
				RestRetryPolicy.NONE);
		assertThatExceptionOfType(SignalRRestException.class).isThrownBy(() -> template.sendToAll("chat", "m", "1"));
		assertThat(this.retried).isEmpty();
	}

	@Test
	void aSendRefusedWith503IsRetriedAndArrivesOnce() throws Exception {
		SignalRTemplate template = start((faults) -> faults.next(2, RestFault.unavailable()), QUICK);
		assertThat(template.sendToAll("chat", "m", "once").succeeded()).isTrue();
		assertThat(this.received.poll(10, TimeUnit.SECONDS)).isEqualTo("once");
		assertThat(this.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
		assertThat(this.emulator.restFaults().refused()).isEqualTo(2);
		assertThat(this.retried).containsExactly(RestCallOutcome.SERVER_ERROR, RestCallOutcome.SERVER_ERROR);
		assertThat(this.called).containsExactly(RestCallOutcome.SERVER_ERROR, RestCallOutcome.SERVER_ERROR,
				RestCallOutcome.SUCCESS);
	}

	@Test
	void aSendAnswered500IsNotRetriedForItMayHaveBeenDelivered() throws Exception {
		SignalRTemplate template = start((faults) -> faults.next(1, RestFault.internalError()), QUICK);
		assertThatExceptionOfType(SignalRRestException.class).isThrownBy(() -> template.sendToAll("chat", "m", "1"))
			.satisfies((ex) -> assertThat(ex.getResult().results()).extracting(EndpointResult::status)
				.containsExactly(500));
		assertThat(this.retried).isEmpty();
		assertThat(this.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void aSendWhoseConnectionDroppedIsNotRetried() throws Exception {
		SignalRTemplate template = start((faults) -> faults.next(1, RestFault.drop()), QUICK);
		assertThatExceptionOfType(SignalRRestException.class).isThrownBy(() -> template.sendToAll("chat", "m", "1"));
		assertThat(this.retried).isEmpty();
		assertThat(this.emulator.restFaults().refused()).isEqualTo(1);
	}

	@Test
	void otherCallsAreRetriedAfter500AndADroppedConnection() {
		SignalRTemplate template = start((faults) -> faults
			.next(1, RestFault.internalError())
			.next(1, RestFault.drop()), QUICK);
		assertThat(template.userExists("chat", "alice")).isTrue();
		assertThat(this.retried).containsExactly(RestCallOutcome.SERVER_ERROR, RestCallOutcome.IO_ERROR);
	}

	@Test
	void aThrottledCallWaitsForRetryAfterThenArrivesOnce() throws Exception {
		SignalRTemplate template = start(
				(faults) -> faults.next(1, RestFault.throttle(Duration.ofSeconds(1))), QUICK);
		long start = System.nanoTime();
		assertThat(template.sendToAll("chat", "m", "later").succeeded()).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(this.received.poll(10, TimeUnit.SECONDS)).isEqualTo("later");
		assertThat(this.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
		assertThat(this.retried).containsExactly(RestCallOutcome.THROTTLED);
	}

	@Test
	void retryAfterIsCappedByTheLongestDelay() {
		RestRetryPolicy capped = new RestRetryPolicy(RestRetryPolicy.Mode.FIXED, 3, Duration.ofMillis(20),
				Duration.ofMillis(100));
		SignalRTemplate template = start(
				(faults) -> faults.next(1, RestFault.throttle(Duration.ofSeconds(30))), capped);
		long start = System.nanoTime();
		assertThat(template.sendToAll("chat", "m", "soon").succeeded()).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void aRefusedConnectionIsRetriedEvenForASendThenGivesUp() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		ServiceEndpoint endpoint = ServiceEndpoint.of("Endpoint=http://127.0.0.1:" + closedPort
				+ ";AccessKey=cmV0cnktdGVzdHMtb25seS1rZXktMDAwMDAwMDAwMDA=;Version=1.0;");
		SignalRTemplate template = template(endpoint, QUICK);
		assertThatExceptionOfType(SignalRRestException.class).isThrownBy(() -> template.sendToAll("chat", "m", "1"));
		assertThat(this.retried).hasSize(3).containsOnly(RestCallOutcome.IO_ERROR);
	}

	@Test
	void exponentialDelaysDoubleUpToTheLongest() {
		RestRetryPolicy policy = new RestRetryPolicy(RestRetryPolicy.Mode.EXPONENTIAL, 5, Duration.ofMillis(100),
				Duration.ofMillis(500));
		assertThat(List.of(0, 1, 2, 3, 4).stream().map(policy::delayBefore).toList()).containsExactly(
				Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500),
				Duration.ofMillis(500));
		assertThat(RestRetryPolicy.DEFAULT.delayBefore(2)).isEqualTo(Duration.ofMillis(800));
	}

	/**
	 * Connects a client and arms the emulator's faults for the calls to come.
	 */
	private SignalRTemplate start(Consumer<RestFaults> faults, RestRetryPolicy policy) {
		ServiceEndpoint endpoint = ServiceEndpoint.of(this.emulator.primaryConnectionString());
		String token = this.tokens.clientToken(endpoint, ClientTokenRequest.of("chat", "alice"));
		this.client = HubConnectionBuilder.create(this.emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.just(token))
			.build();
		this.client.on("m", this.received::add, String.class);
		this.client.start().blockingAwait(15, TimeUnit.SECONDS);
		faults.accept(this.emulator.restFaults());
		return template(endpoint, policy);
	}

	private SignalRTemplate template(ServiceEndpoint endpoint, RestRetryPolicy policy) {
		SignalRListener listener = new SignalRListener() {

			@Override
			public void restCalled(EndpointId id, RestCallOutcome outcome, long durationNanos) {
				SignalRTemplateRetryTests.this.called.add(outcome);
			}

			@Override
			public void restRetried(EndpointId id, RestCallOutcome outcome) {
				SignalRTemplateRetryTests.this.retried.add(outcome);
			}

		};
		return new SignalRTemplate(new ServiceEndpointRegistry(List.of(endpoint), null), new DefaultEndpointRouter(),
				this.tokens, RestClient.create(), null, null, listener).withRetries(policy);
	}

}
