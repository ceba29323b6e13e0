package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.server.DefaultModeServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful shutdown ({@code azure.signalr.server.graceful-shutdown-timeout}): the application tells the service
 * {@code shutdown fin:2}, gets {@code finack}, keeps serving the clients it has until they go, and only then closes
 * its server connections.
 */
class DefaultModeGracefulShutdownTests {

	private static SignalREmulator service;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		service = SignalREmulator.builder().port(0).build().start();
		app = UpstreamEndToEndTests.start(TestSocketUtils.findAvailableTcpPort(),
				"azure.signalr.connection-string=" + service.primaryConnectionString(), "azure.signalr.mode=default",
				"azure.signalr.server.graceful-shutdown-timeout=20s");
		DefaultModeServer server = app.getBean(DefaultModeServer.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> server.connectedCounts().values().stream().anyMatch((hubs) -> hubs.getOrDefault("chat", 0) == 5));
	}

	@AfterAll
	static void stop() {
		app.close();
		service.close();
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
