package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.test.SignalREmulatorCustomizer;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Server connections that the service drops come back, with a fresh token from the endpoint's current key: after a
 * key regeneration the emulator keeps the live connections (the service checks a token at the upgrade), refuses
 * reconnects with the old key, and takes them again once the application's endpoint has the new key.
 */
@EndToEndTest
class DefaultModeReconnectTests {

	/**
	 * An emulator that keeps the live server connections when a key is regenerated, as the service does.
	 */
	@Nested
	@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
					"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug",
					// The application's endpoint gets the new key only when the test gives it.
					"azure.signalr.reload.enabled=false" })
	@AutoConfigureSignalREmulator
	@DirtiesContext
	class KeepingServerConnectionsOnRegeneration {

		@Autowired
		private SignalREmulator service;

		@Autowired
		private ConfigurableApplicationContext app;

		@BeforeEach
		void awaitServerConnections() {
			awaitConnected(this.app, 5);
		}

		@Test
		void droppedServerConnectionsDropTheirClientsAndComeBackAndNewKeysAreUsedOnReconnect() throws Exception {
			HubConnection client = UpstreamEndToEndTests.connect(ChatApplication.url(this.app), "kim");
			assertThat(client.invoke(String.class, "echo", "before").blockingGet()).isEqualTo("before!");

			this.service.dropServerConnections("chat");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> client.getConnectionState() == HubConnectionState.DISCONNECTED);
			awaitConnected(this.app, 5);
			HubConnection again = UpstreamEndToEndTests.connect(ChatApplication.url(this.app), "kim");
			assertThat(again.invoke(String.class, "echo", "after").blockingGet()).isEqualTo("after!");

			String newKey = this.service.regenerateKey(KeyType.PRIMARY);
			assertThat(this.service.serverConnectionCount("chat")).as("live connections outlive a regeneration").isEqualTo(5);
			assertThat(again.invoke(String.class, "echo", "still").blockingGet()).isEqualTo("still!");
			again.stop().blockingAwait(10, TimeUnit.SECONDS);

			this.service.dropServerConnections("chat");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.service.serverConnectionCount("chat") == 0);
			Thread.sleep(3000);
			assertThat(this.service.serverConnectionCount("chat")).as("reconnects signed with the old key are refused")
				.isZero();

			ServiceEndpointRegistry registry = this.app.getBean(ServiceEndpointRegistry.class);
			ServiceEndpoint endpoint = registry.endpoints().get(0);
			registry.update(endpoint.id(), (current) -> current.withAccessKey(AccessKey.of(newKey)));
			await().atMost(Duration.ofSeconds(40)).until(() -> this.service.serverConnectionCount("chat") == 5);
			awaitConnected(this.app, 5);
		}

	}

	/**
	 * An emulator that drops the server connections when a key is regenerated.
	 */
	@Nested
	@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class, DroppingServerConnections.class },
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
					"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug",
					// The application's endpoint gets the new key only when the test gives it.
					"azure.signalr.reload.enabled=false" })
	@AutoConfigureSignalREmulator
	@DirtiesContext
	class DroppingServerConnectionsOnRegeneration {

		@Autowired
		private SignalREmulator service;

		@Autowired
		private ConfigurableApplicationContext app;

		@Test
		void withAServiceThatDropsServerConnectionsOnRegenerationTheyComeBackOnceTheEndpointHasTheNewKey() throws Exception {
			await().atMost(Duration.ofSeconds(40)).until(() -> this.service.serverConnectionCount("chat") == 5);
			HubConnection client = UpstreamEndToEndTests.connect(ChatApplication.url(this.app), "ray");
			String newKey = this.service.regenerateKey(KeyType.PRIMARY);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> client.getConnectionState() == HubConnectionState.DISCONNECTED);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.service.serverConnectionCount("chat") == 0);
			Thread.sleep(3000);
			assertThat(this.service.serverConnectionCount("chat")).as("reconnects with the old key are refused").isZero();
			ServiceEndpointRegistry registry = this.app.getBean(ServiceEndpointRegistry.class);
			registry.update(registry.endpoints().get(0).id(), (current) -> current.withAccessKey(AccessKey.of(newKey)));
			await().atMost(Duration.ofSeconds(40)).until(() -> this.service.serverConnectionCount("chat") == 5);
			HubConnection again = UpstreamEndToEndTests.connect(ChatApplication.url(this.app), "ray");
			assertThat(again.invoke(String.class, "echo", "new key").blockingGet()).isEqualTo("new key!");
			again.stop().blockingAwait(10, TimeUnit.SECONDS);
		}

	}

	static void awaitConnected(ConfigurableApplicationContext app, int count) {
		DefaultModeServer server = app.getBean(DefaultModeServer.class);
		await().atMost(Duration.ofSeconds(40))
			.until(() -> server.connectedCounts().values().stream()
				.anyMatch((hubs) -> hubs.getOrDefault("chat", 0) == count));
	}

	@Configuration(proxyBeanMethods = false)
	static class DroppingServerConnections {

		@Bean
		SignalREmulatorCustomizer dropServerConnectionsOnKeyRegeneration() {
			return (endpoint, builder) -> builder.dropServerConnectionsOnKeyRegeneration(true);
		}

	}

}
