package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.rest.RestFault;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SignalRTemplate} in default mode sends over the server connections, with the same API and results as over
 * REST: the emulator's REST API fails every call in these tests, so a message that arrives came over a server
 * connection.
 */
@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
				"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug", "azure.signalr.rest.retry.enabled=false" })
@AutoConfigureSignalREmulator
@DirtiesContext
@EndToEndTest
class DefaultModeTemplateTests {

	@Autowired
	private SignalREmulator service;

	@Autowired
	private ConfigurableApplicationContext app;

	private final List<HubConnection> clients = new ArrayList<>();

	@BeforeEach
	void awaitServerConnectionsAndFailTheRestApi() {
		DefaultModeServer server = this.app.getBean(DefaultModeServer.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> server.connectedCounts().values().stream().anyMatch((hubs) -> hubs.getOrDefault("chat", 0) == 5));
		this.service.restFaults().fraction(1.0, RestFault.internalError());
	}

	@AfterEach
	void disconnect() {
		this.clients.forEach((client) -> client.stop().blockingAwait(10, TimeUnit.SECONDS));
		this.service.restFaults().clear();
	}

	@Test
	void messagesToAllAUserAGroupAndAConnectionArriveAndGroupChangesAreAcked() throws Exception {
		SignalRTemplate template = app.getBean(SignalRTemplate.class);
		BlockingQueue<String> ann = new LinkedBlockingQueue<>();
		BlockingQueue<String> bob = new LinkedBlockingQueue<>();
		HubConnection annClient = connect("ann", ann);
		HubConnection bobClient = connect("bob", bob);

		assertOk(template.sendToAll("chat", "newMessage", "to all"), 202);
		assertThat(ann.poll(10, TimeUnit.SECONDS)).isEqualTo("to all");
		assertThat(bob.poll(10, TimeUnit.SECONDS)).isEqualTo("to all");

		assertOk(template.sendToAllExcept("chat", List.of(bobClient.getConnectionId()), "newMessage", "not bob"), 202);
		assertThat(ann.poll(10, TimeUnit.SECONDS)).isEqualTo("not bob");

		assertOk(template.sendToUser("chat", "bob", "newMessage", "to bob"), 202);
		assertThat(bob.poll(10, TimeUnit.SECONDS)).isEqualTo("to bob");

		assertOk(template.sendToConnection("chat", annClient.getConnectionId(), "newMessage", "to ann's connection"),
				202);
		assertThat(ann.poll(10, TimeUnit.SECONDS)).isEqualTo("to ann's connection");

		assertOk(template.addConnectionToGroup("chat", "readers", bobClient.getConnectionId()), 200);
		assertOk(template.sendToGroup("chat", "readers", "newMessage", "to readers"), 202);
		assertThat(bob.poll(10, TimeUnit.SECONDS)).isEqualTo("to readers");
		assertThat(ann.poll(500, TimeUnit.MILLISECONDS)).as("ann is in no group, and got no earlier message").isNull();

		SignalRResult missing = template.addConnectionToGroup("chat", "readers", "no-such-connection");
		assertThat(missing.results()).extracting(EndpointResult::outcome).containsOnly(EndpointResult.Outcome.NOT_FOUND);

		assertOk(template.removeConnectionFromGroup("chat", "readers", bobClient.getConnectionId()), 200);
		assertOk(template.sendToGroup("chat", "readers", "newMessage", "nobody"), 202);
		assertOk(template.addUserToGroup("chat", "writers", "ann"), 200);
		assertOk(template.sendToGroup("chat", "writers", "newMessage", "to writers"), 202);
		assertThat(ann.poll(10, TimeUnit.SECONDS)).isEqualTo("to writers");
		assertThat(bob.poll(500, TimeUnit.MILLISECONDS)).isNull();
		assertThat(service.restFaults().refused()).as("the REST API was not used").isZero();
	}

	private static void assertOk(SignalRResult result, int status) {
		assertThat(result.results()).isNotEmpty().allSatisfy((endpoint) -> {
			assertThat(endpoint.outcome()).isEqualTo(EndpointResult.Outcome.OK);
			assertThat(endpoint.status()).isEqualTo(status);
		});
	}

	private HubConnection connect(String user, BlockingQueue<String> received) {
		HubConnection client = HubConnectionBuilder.create(ChatApplication.url(app) + "/chat")
			.withHeader(ChatApplication.USER_HEADER, user)
			.build();
		client.on("newMessage", received::add, String.class);
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		this.clients.add(client);
		return client;
	}

}
