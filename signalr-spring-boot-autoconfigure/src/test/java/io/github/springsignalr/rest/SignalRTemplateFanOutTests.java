package io.github.springsignalr.rest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorExtension;
import io.github.springsignalr.emulator.rest.RestFault;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRTokenService;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SignalRTemplate} calls every endpoint of an operation at once: against two emulators, each answering 300 ms
 * late, over real sockets, with the official Java client on each receiving.
 */
class SignalRTemplateFanOutTests {

	private static final Duration DELAY = Duration.ofMillis(300);

	private final SignalRTokenService tokens = new SignalRTokenService();

	@RegisterExtension
	static final SignalREmulatorExtension eastEmulator = SignalREmulatorExtension.builder().build();

	@RegisterExtension
	static final SignalREmulatorExtension westEmulator = SignalREmulatorExtension.builder().build();

	private final SignalREmulator east = eastEmulator.emulator();

	private final SignalREmulator west = westEmulator.emulator();

	private final BlockingQueue<String> eastReceived = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> westReceived = new LinkedBlockingQueue<>();

	private final ServiceEndpoint eastEndpoint = ServiceEndpoint.of("east", EndpointType.PRIMARY,
			this.east.primaryConnectionString());

	private final ServiceEndpoint westEndpoint = ServiceEndpoint.of("west", EndpointType.PRIMARY,
			this.west.primaryConnectionString());

	private final HubConnection eastClient = connect(this.east, this.eastEndpoint, this.eastReceived);

	private final HubConnection westClient = connect(this.west, this.westEndpoint, this.westReceived);

	@AfterEach
	void stop() {
		this.eastClient.stop().blockingAwait(10, TimeUnit.SECONDS);
		this.westClient.stop().blockingAwait(10, TimeUnit.SECONDS);
		this.east.restFaults().clear();
		this.west.restFaults().clear();
	}

	@Test
	void aBroadcastToTwoSlowEndpointsTakesAboutAsLongAsTheSlowerOne() throws Exception {
		SignalRTemplate template = template();
		warmUp(template);
		this.east.restFaults().fraction(1.0, RestFault.delay(DELAY));
		this.west.restFaults().fraction(1.0, RestFault.delay(DELAY));
		long start = System.nanoTime();
		SignalRResult result = template.sendToAll("chat", "m", "both");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		System.out.println("sendToAll to two endpoints each delayed " + DELAY.toMillis() + " ms took "
				+ took.toMillis() + " ms");
		assertThat(result.results()).extracting(EndpointResult::outcome)
			.containsExactly(EndpointResult.Outcome.OK, EndpointResult.Outcome.OK);
		assertThat(took).isGreaterThanOrEqualTo(DELAY).isLessThan(Duration.ofMillis(550));
		assertThat(this.eastReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("both");
		assertThat(this.westReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("both");
	}

	@Test
	void anEndpointSlowerThanTheCallTimeoutCountsAsFailedAndTheOtherAnswers() throws Exception {
		SignalRTemplate patient = template();
		warmUp(patient);
		SignalRTemplate template = patient.withCallTimeout(Duration.ofSeconds(1));
		this.west.restFaults().next(1, RestFault.delay(Duration.ofSeconds(3)));
		long start = System.nanoTime();
		SignalRResult result = template.sendToAll("chat", "m", "east first");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
		assertThat(result.results()).extracting(EndpointResult::outcome)
			.containsExactly(EndpointResult.Outcome.OK, EndpointResult.Outcome.FAILED);
		assertThat(result.results().get(1).error()).contains("No answer within");
		assertThat(this.eastReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("east first");
	}

	// The first call of a JVM loads classes and opens connections; what is measured comes after it.
	private void warmUp(SignalRTemplate template) throws InterruptedException {
		template.sendToAll("chat", "m", "warm-up");
		assertThat(this.eastReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("warm-up");
		assertThat(this.westReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("warm-up");
	}

	private SignalRTemplate template() {
		return new SignalRTemplate(new ServiceEndpointRegistry(List.of(this.eastEndpoint, this.westEndpoint), null),
				new DefaultEndpointRouter(), this.tokens, RestClient.create(), null, null, SignalRListener.NONE);
	}

	private HubConnection connect(SignalREmulator emulator, ServiceEndpoint endpoint, BlockingQueue<String> received) {
		String token = this.tokens.clientToken(endpoint, ClientTokenRequest.of("chat", "alice"));
		HubConnection connection = HubConnectionBuilder.create(emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.just(token))
			.build();
		connection.on("m", received::add, String.class);
		connection.start().blockingAwait(15, TimeUnit.SECONDS);
		return connection;
	}

}
