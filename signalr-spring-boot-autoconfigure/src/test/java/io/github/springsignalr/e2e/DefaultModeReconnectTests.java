package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.endpoint.AccessKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Server connections that the service drops come back, with a fresh token from the endpoint's current key: after a
 * key regeneration the emulator keeps the live connections (the service checks a token at the upgrade), refuses
 * reconnects with the old key, and takes them again once the application's endpoint has the new key.
 */
class DefaultModeReconnectTests {

	private static SignalREmulator service;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		service = SignalREmulator.builder().port(0).build().start();
		app = UpstreamEndToEndTests.start(TestSocketUtils.findAvailableTcpPort(),
				"azure.signalr.connection-string=" + service.primaryConnectionString(), "azure.signalr.mode=default");
		awaitConnected(5);
	}

	@AfterAll
	static void stop() {
		app.close();
		service.close();
	}

	@Test
	void droppedServerConnectionsDropTheirClientsAndComeBackAndNewKeysAreUsedOnReconnect() throws Exception {
		HubConnection client = UpstreamEndToEndTests.connect(ChatApplication.url(app), "kim");
		assertThat(client.invoke(String.class, "echo", "before").blockingGet()).isEqualTo("before!");

		service.dropServerConnections("chat");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> client.getConnectionState() == HubConnectionState.DISCONNECTED);
		awaitConnected(5);
		HubConnection again = UpstreamEndToEndTests.connect(ChatApplication.url(app), "kim");
		assertThat(again.invoke(String.class, "echo", "after").blockingGet()).isEqualTo("after!");

		String newKey = service.regenerateKey(KeyType.PRIMARY);
		assertThat(service.serverConnectionCount("chat")).as("live connections outlive a regeneration").isEqualTo(5);
		assertThat(again.invoke(String.class, "echo", "still").blockingGet()).isEqualTo("still!");
		again.stop().blockingAwait(10, TimeUnit.SECONDS);

		service.dropServerConnections("chat");
		await().atMost(Duration.ofSeconds(10)).until(() -> service.serverConnectionCount("chat") == 0);
		Thread.sleep(3000);
		assertThat(service.serverConnectionCount("chat")).as("reconnects signed with the old key are refused")
			.isZero();

		ServiceEndpointRegistry registry = app.getBean(ServiceEndpointRegistry.class);
		ServiceEndpoint endpoint = registry.endpoints().get(0);
		registry.update(endpoint.id(), (current) -> current.withAccessKey(AccessKey.of(newKey)));
		await().atMost(Duration.ofSeconds(40)).until(() -> service.serverConnectionCount("chat") == 5);
		awaitConnected(5);
	}

	@Test
	void withAServiceThatDropsServerConnectionsOnRegenerationTheyComeBackOnceTheEndpointHasTheNewKey() throws Exception {
		SignalREmulator dropping = SignalREmulator.builder().port(0).dropServerConnectionsOnKeyRegeneration(true)
			.build()
			.start();
		try (ConfigurableApplicationContext other = UpstreamEndToEndTests.start(TestSocketUtils.findAvailableTcpPort(),
				"azure.signalr.connection-string=" + dropping.primaryConnectionString(), "azure.signalr.mode=default")) {
			await().atMost(Duration.ofSeconds(40)).until(() -> dropping.serverConnectionCount("chat") == 5);
			HubConnection client = UpstreamEndToEndTests.connect(ChatApplication.url(other), "ray");
			String newKey = dropping.regenerateKey(KeyType.PRIMARY);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> client.getConnectionState() == HubConnectionState.DISCONNECTED);
			await().atMost(Duration.ofSeconds(10)).until(() -> dropping.serverConnectionCount("chat") == 0);
			Thread.sleep(3000);
			assertThat(dropping.serverConnectionCount("chat")).as("reconnects with the old key are refused").isZero();
			ServiceEndpointRegistry registry = other.getBean(ServiceEndpointRegistry.class);
			registry.update(registry.endpoints().get(0).id(), (current) -> current.withAccessKey(AccessKey.of(newKey)));
			await().atMost(Duration.ofSeconds(40)).until(() -> dropping.serverConnectionCount("chat") == 5);
			HubConnection again = UpstreamEndToEndTests.connect(ChatApplication.url(other), "ray");
			assertThat(again.invoke(String.class, "echo", "new key").blockingGet()).isEqualTo("new key!");
			again.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
		finally {
			dropping.close();
		}
	}

	private static void awaitConnected(int count) {
		DefaultModeServer server = app.getBean(DefaultModeServer.class);
		await().atMost(Duration.ofSeconds(40))
			.until(() -> server.connectedCounts().values().stream()
				.anyMatch((hubs) -> hubs.getOrDefault("chat", 0) == count));
	}

}
