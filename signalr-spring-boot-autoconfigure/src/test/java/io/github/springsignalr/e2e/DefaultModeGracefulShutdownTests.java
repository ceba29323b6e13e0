package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful shutdown ({@code azure.signalr.server.graceful-shutdown-timeout}): the application tells the service
 * {@code shutdown fin:2}, gets {@code finack}, keeps serving the clients it has until they go, and only then closes
 * its server connections.
 */
@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
				"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug", "azure.signalr.server.graceful-shutdown-timeout=20s" })
@AutoConfigureSignalREmulator
@DirtiesContext
@EndToEndTest
class DefaultModeGracefulShutdownTests {

	@Autowired
	private SignalREmulator service;

	@Autowired
	private ConfigurableApplicationContext app;

	@BeforeEach
	void awaitServerConnections() {
		DefaultModeServer server = this.app.getBean(DefaultModeServer.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> server.connectedCounts().values().stream().anyMatch((hubs) -> hubs.getOrDefault("chat", 0) == 5));
	}

	@Test
	void aStopWaitsForTheClientsItHasWhileServingThemAndEndsWhenTheyGo() throws Exception {
		HubConnection client = UpstreamEndToEndTests.connect(ChatApplication.url(app), "lee");
		DefaultModeServer server = app.getBean(DefaultModeServer.class);
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
		Thread.sleep(1500);
		assertThat(stopping).as("still draining while a client is connected").isNotDone();
		assertThat(client.invoke(String.class, "echo", "draining").blockingGet()).isEqualTo("draining!");
		client.stop().blockingAwait(10, TimeUnit.SECONDS);
		stopping.get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> service.serverConnectionCount("chat") == 0);
		assertThat(server.isRunning()).isFalse();
	}

}
