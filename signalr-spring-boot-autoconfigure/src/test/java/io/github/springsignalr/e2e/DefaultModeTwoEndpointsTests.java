package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two endpoints in default mode: server connections to each, a client negotiated to either is served, and a message
 * goes to every online endpoint, one result each.
 */
@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
				"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug" })
@AutoConfigureSignalREmulator(endpoints = { "east", "west" })
@DirtiesContext
@EndToEndTest
class DefaultModeTwoEndpointsTests {

	@Autowired
	@Qualifier("east")
	private SignalREmulator east;

	@Autowired
	@Qualifier("west")
	private SignalREmulator west;

	@Autowired
	private ConfigurableApplicationContext app;

	@BeforeEach
	void awaitServerConnections() {
		DefaultModeServer server = this.app.getBean(DefaultModeServer.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> server.connectedCounts().size() == 2 && server.connectedCounts()
				.values()
				.stream()
				.allMatch((hubs) -> hubs.getOrDefault("chat", 0) == 5));
	}

	@Test
	void bothEndpointsHaveServerConnectionsClientsOfEitherAreServedAndMessagesGoToBoth() throws Exception {
		assertThat(east.serverConnectionCount("chat")).isEqualTo(5);
		assertThat(west.serverConnectionCount("chat")).isEqualTo(5);
		Map<EndpointId, Map<String, Integer>> counts = app.getBean(DefaultModeServer.class).connectedCounts();
		assertThat(counts).hasSize(2);

		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		HubConnection client = HubConnectionBuilder.create(ChatApplication.url(app) + "/chat")
			.withHeader(ChatApplication.USER_HEADER, "max")
			.build();
		client.on("newMessage", received::add, String.class);
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		try {
			assertThat(client.invoke(String.class, "echo", "hi").blockingGet()).isEqualTo("hi!");
			SignalRResult result = app.getBean(SignalRTemplate.class).sendToAll("chat", "newMessage", "to both");
			assertThat(result.results()).hasSize(2).allSatisfy((endpoint) ->
				assertThat(endpoint.outcome()).isEqualTo(EndpointResult.Outcome.OK));
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("to both");
			assertThat(east.connectionCount("chat") + west.connectionCount("chat")).isEqualTo(1);
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

}
