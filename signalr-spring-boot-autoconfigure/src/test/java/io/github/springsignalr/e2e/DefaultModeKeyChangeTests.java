package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.test.SignalREmulatorCustomizer;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.endpoint.AccessKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint's key changes while a client is connected: the application opens a server connection with the new key,
 * retires the old one (the service routes new clients to the new one), keeps serving the client of before on the
 * old one until it goes, and only then closes it; so when the old key is regenerated, on a service that drops the
 * server connections the regenerated key signed, nothing is dropped.
 */
@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class, DefaultModeKeyChangeTests.Dropping.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
				"azure.signalr.server.connection-count=1",
				// The application's endpoint gets the new key only when the test gives it.
				"azure.signalr.reload.enabled=false" })
@AutoConfigureSignalREmulator
@DirtiesContext
@EndToEndTest
class DefaultModeKeyChangeTests {

	@Autowired
	private SignalREmulator service;

	@Autowired
	private ConfigurableApplicationContext app;

	@BeforeEach
	void awaitServerConnection() {
		await().atMost(Duration.ofSeconds(40)).until(() -> this.service.serverConnectionCount("chat") == 1);
	}

	@Test
	void aKeyChangeMovesTheServerConnectionsWithoutDroppingAClient() throws Exception {
		HubConnection before = UpstreamEndToEndTests.connect(ChatApplication.url(this.app), "before");
		assertThat(before.invoke(String.class, "echo", "one").blockingGet()).isEqualTo("one!");

		ServiceEndpointRegistry registry = this.app.getBean(ServiceEndpointRegistry.class);
		registry.update(registry.endpoints().get(0).id(),
				(current) -> current.withAccessKey(AccessKey.of(this.service.accessKey(KeyType.SECONDARY))));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.service.serverConnectionCount("chat") == 2);
		Thread.sleep(1500);
		assertThat(this.service.serverConnectionCount("chat")).as("the old one stays while its client is there").isEqualTo(2);
		assertThat(before.invoke(String.class, "echo", "two").blockingGet()).isEqualTo("two!");

		HubConnection after = UpstreamEndToEndTests.connect(ChatApplication.url(this.app), "after");
		assertThat(after.invoke(String.class, "echo", "three").blockingGet()).isEqualTo("three!");
		before.stop().blockingAwait(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.service.serverConnectionCount("chat") == 1);
		DefaultModeServer server = this.app.getBean(DefaultModeServer.class);
		assertThat(server.connectedCounts().values()).allSatisfy((hubs) -> assertThat(hubs).containsEntry("chat", 1));

		this.service.regenerateKey(KeyType.PRIMARY);
		Thread.sleep(1000);
		assertThat(after.getConnectionState()).as("the client of the new connection").isEqualTo(HubConnectionState.CONNECTED);
		assertThat(this.service.serverConnectionCount("chat")).isEqualTo(1);
		assertThat(after.invoke(String.class, "echo", "four").blockingGet()).isEqualTo("four!");
		after.stop().blockingAwait(10, TimeUnit.SECONDS);
	}

	/**
	 * An emulator that drops the server connections a regenerated key signed.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Dropping {

		@Bean
		SignalREmulatorCustomizer dropServerConnectionsOnKeyRegeneration() {
			return (endpoint, builder) -> builder.dropServerConnectionsOnKeyRegeneration(true);
		}

	}

}
