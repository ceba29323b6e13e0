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
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.token.AccessKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint's key changes while a client is connected: the application opens a server connection with the new key,
 * retires the old one (the service routes new clients to the new one), keeps serving the client of before on the
 * old one until it goes, and only then closes it; so when the old key is regenerated, on a service that drops the
 * server connections the regenerated key signed, nothing is dropped.
 */
class DefaultModeKeyChangeTests {

	private static SignalREmulator service;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		service = SignalREmulator.builder().port(0).dropServerConnectionsOnKeyRegeneration(true).build().start();
		app = UpstreamEndToEndTests.start(TestSocketUtils.findAvailableTcpPort(),
				"azure.signalr.connection-string=" + service.primaryConnectionString(), "azure.signalr.mode=default",
				"azure.signalr.server.connection-count=1");
		await().atMost(Duration.ofSeconds(40)).until(() -> service.serverConnectionCount("chat") == 1);
	}

	@AfterAll
	static void stop() {
		app.close();
		service.close();
	}

	@Test
	void aKeyChangeMovesTheServerConnectionsWithoutDroppingAClient() throws Exception {
		HubConnection before = UpstreamEndToEndTests.connect(ChatApplication.url(app), "before");
		assertThat(before.invoke(String.class, "echo", "one").blockingGet()).isEqualTo("one!");

		ServiceEndpointRegistry registry = app.getBean(ServiceEndpointRegistry.class);
		registry.update(registry.endpoints().get(0).id(),
				(current) -> current.withAccessKey(AccessKey.of(service.accessKey(KeyType.SECONDARY))));
		await().atMost(Duration.ofSeconds(20)).until(() -> service.serverConnectionCount("chat") == 2);
		Thread.sleep(1500);
		assertThat(service.serverConnectionCount("chat")).as("the old one stays while its client is there").isEqualTo(2);
		assertThat(before.invoke(String.class, "echo", "two").blockingGet()).isEqualTo("two!");

		HubConnection after = UpstreamEndToEndTests.connect(ChatApplication.url(app), "after");
		assertThat(after.invoke(String.class, "echo", "three").blockingGet()).isEqualTo("three!");
		before.stop().blockingAwait(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(20)).until(() -> service.serverConnectionCount("chat") == 1);
		DefaultModeServer server = app.getBean(DefaultModeServer.class);
		assertThat(server.connectedCounts().values()).allSatisfy((hubs) -> assertThat(hubs).containsEntry("chat", 1));

		service.regenerateKey(KeyType.PRIMARY);
		Thread.sleep(1000);
		assertThat(after.getConnectionState()).as("the client of the new connection").isEqualTo(HubConnectionState.CONNECTED);
		assertThat(service.serverConnectionCount("chat")).isEqualTo(1);
		assertThat(after.invoke(String.class, "echo", "four").blockingGet()).isEqualTo("four!");
		after.stop().blockingAwait(10, TimeUnit.SECONDS);
	}

}
