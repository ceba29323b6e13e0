package io.github.springsignalr.webflux;

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
import io.github.springsignalr.rest.ReactiveSignalRTemplate;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ReactiveSignalRTemplate} in default mode in a WebFlux-only application sends and changes groups over the
 * server connections, with the results {@code SignalRTemplate} gives there: the emulator's REST API fails every call
 * in this test, so a message that arrives came over a server connection. Every operation is subscribed on Reactor's
 * parallel scheduler with BlockHound on, so waiting for the service's acks must not block a thread.
 */
@ExtendWith(BlockingCalls.class)
@SpringBootTest(classes = ReactiveChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
				"azure.signalr.server.connection-count=2", "azure.signalr.rest.retry.enabled=false" })
@AutoConfigureSignalREmulator
@EndToEndTest
class ReactiveDefaultModeTemplateTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	private SignalREmulator service;

	@Autowired
	private ApplicationContext context;

	@LocalServerPort
	private int port;

	private final List<HubConnection> clients = new ArrayList<>();

	@BeforeEach
	void awaitServerConnectionsAndFailTheRestApi() {
		DefaultModeServer server = this.context.getBean(DefaultModeServer.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> server.connectedCounts()
				.values()
				.stream()
				.anyMatch((hubs) -> hubs.getOrDefault("chat", 0) == 2));
		this.service.restFaults().fraction(1.0, RestFault.internalError());
	}

	@AfterEach
	void disconnect() {
		this.clients.forEach((client) -> client.stop().blockingAwait(10, TimeUnit.SECONDS));
		this.service.restFaults().clear();
	}

	@Test
	void messagesArriveAndGroupChangesAreAckedOverServerConnections() throws Exception {
		ReactiveSignalRTemplate template = this.context.getBean(ReactiveSignalRTemplate.class);
		BlockingQueue<String> ann = new LinkedBlockingQueue<>();
		BlockingQueue<String> bob = new LinkedBlockingQueue<>();
		HubConnection annClient = connect("ann", ann);
		HubConnection bobClient = connect("bob", bob);

		assertOk(on(template.sendToAll("chat", "message", "to all")), 202);
		assertThat(ann.poll(10, TimeUnit.SECONDS)).isEqualTo("to all");
		assertThat(bob.poll(10, TimeUnit.SECONDS)).isEqualTo("to all");

		assertOk(on(template.sendToAllExcept("chat", List.of(bobClient.getConnectionId()), "message", "not bob")),
				202);
		assertThat(ann.poll(10, TimeUnit.SECONDS)).isEqualTo("not bob");

		assertOk(on(template.sendToUser("chat", "bob", "message", "to bob")), 202);
		assertThat(bob.poll(10, TimeUnit.SECONDS)).isEqualTo("to bob");

		assertOk(on(template.sendToUsers("chat", List.of("ann", "bob"), "message", "to both")), 202);
		assertThat(ann.poll(10, TimeUnit.SECONDS)).isEqualTo("to both");
		assertThat(bob.poll(10, TimeUnit.SECONDS)).isEqualTo("to both");

		assertOk(on(template.sendToConnection("chat", annClient.getConnectionId(), "message", "to ann's connection")),
				202);
		assertThat(ann.poll(10, TimeUnit.SECONDS)).isEqualTo("to ann's connection");

		assertOk(on(template.addConnectionToGroup("chat", "readers", bobClient.getConnectionId())), 200);
		assertOk(on(template.sendToGroup("chat", "readers", "message", "to readers")), 202);
		assertThat(bob.poll(10, TimeUnit.SECONDS)).isEqualTo("to readers");
		assertThat(ann.poll(500, TimeUnit.MILLISECONDS)).as("ann is in no group, and got no earlier message").isNull();

		SignalRResult missing = on(template.addConnectionToGroup("chat", "readers", "no-such-connection"));
		assertThat(missing.results()).extracting(EndpointResult::outcome)
			.containsOnly(EndpointResult.Outcome.NOT_FOUND);

		assertOk(on(template.removeConnectionFromGroup("chat", "readers", bobClient.getConnectionId())), 200);
		assertOk(on(template.sendToGroup("chat", "readers", "message", "nobody")), 202);
		assertOk(on(template.addUserToGroup("chat", "writers", "ann")), 200);
		assertOk(on(template.sendToGroup("chat", "writers", "message", "to writers")), 202);
		assertThat(ann.poll(10, TimeUnit.SECONDS)).isEqualTo("to writers");
		assertOk(on(template.removeUserFromAllGroups("chat", "ann")), 200);
		assertOk(on(template.sendToGroup("chat", "writers", "message", "writers again")), 202);
		assertOk(on(template.sendToConnection("chat", annClient.getConnectionId(), "message", "marker")), 202);
		assertThat(ann.poll(10, TimeUnit.SECONDS)).as("the group's message never came before it").isEqualTo("marker");
		assertThat(bob.poll(500, TimeUnit.MILLISECONDS)).isNull();
		assertThat(this.service.restFaults().refused()).as("the REST API was not used").isZero();
	}

	/** Subscribed on a non-blocking thread: BlockHound would see anything the template blocked on. */
	private static SignalRResult on(Mono<SignalRResult> operation) {
		return operation.subscribeOn(Schedulers.parallel()).block(WAIT);
	}

	private static void assertOk(SignalRResult result, int status) {
		assertThat(result.results()).isNotEmpty().allSatisfy((endpoint) -> {
			assertThat(endpoint.outcome()).isEqualTo(EndpointResult.Outcome.OK);
			assertThat(endpoint.status()).isEqualTo(status);
		});
	}

	private HubConnection connect(String user, BlockingQueue<String> received) {
		HubConnection client = HubConnectionBuilder.create("http://localhost:" + this.port + "/chat")
			.withHeader(ReactiveChatApplication.USER_HEADER, user)
			.build();
		client.on("message", received::add, String.class);
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		this.clients.add(client);
		return client;
	}

}
