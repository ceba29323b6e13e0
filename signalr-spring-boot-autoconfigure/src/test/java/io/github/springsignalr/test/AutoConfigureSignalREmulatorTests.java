package io.github.springsignalr.test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.autoconfigure.SignalRConnectionDetails;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRTokenService;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureSignalREmulator} on a {@code @SpringBootTest}: the emulator is a started bean, the application's
 * only endpoint (a configured connection string is ignored), and the auto-configured template reaches the official
 * Java client through it over real sockets.
 */
@SpringBootTest(classes = AutoConfigureSignalREmulatorTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "azure.signalr.connection-string=Endpoint=https://elsewhere.service.signalr.net;AuthType=azure")
@AutoConfigureSignalREmulator
class AutoConfigureSignalREmulatorTests {

	@Autowired
	private SignalREmulator emulator;

	@Autowired
	private SignalRConnectionDetails connectionDetails;

	@Autowired
	private ServiceEndpointRegistry registry;

	@Autowired
	private SignalRTokenService tokens;

	@Autowired
	private SignalRTemplate template;

	@Test
	void theEmulatorIsTheApplicationsOnlyEndpoint() {
		assertThat(this.emulator.isRunning()).isTrue();
		assertThat(this.connectionDetails.getEndpoints()).hasSize(1);
		assertThat(this.registry.endpoints()).extracting(ServiceEndpoint::endpoint)
			.containsExactly(this.emulator.endpoint());
		assertThat(this.connectionDetails.toString().contains(this.emulator.accessKey(KeyType.PRIMARY)))
			.as("the key in toString()")
			.isFalse();
	}

	@Test
	void theTemplateReachesAClientOfTheEmulator() throws Exception {
		ServiceEndpoint endpoint = this.registry.endpoints().get(0);
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		HubConnection connection = HubConnectionBuilder.create(this.emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.just(this.tokens.clientToken(endpoint, ClientTokenRequest.of("chat", "ann"))))
			.build();
		connection.on("message", received::add, String.class);
		connection.start().blockingAwait(15, TimeUnit.SECONDS);
		try {
			assertThat(this.template.sendToAll("chat", "message", "hello").results())
				.extracting(EndpointResult::outcome)
				.containsExactly(EndpointResult.Outcome.OK);
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
		}
		finally {
			connection.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
