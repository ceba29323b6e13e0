package io.github.springsignalr.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.springsignalr.testsupport.LoadTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.KeyRotationStatus.EndpointKeyStatus;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.test.SignalREmulatorCustomizer;
import io.github.springsignalr.endpoint.AccessKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link KeyRotationUnderLoadTests} in default mode: the two-key procedure, twice, Key Vault-driven, while negotiates,
 * invocations by the official Java client (answered by the application over its server connections) and
 * {@link SignalRTemplate} sends over server connections run at 250 a second — and not one fails, against a service
 * that keeps live server connections on a key regeneration and against one that drops those the regenerated key
 * signed. The starter moves its server connections to the key the vault now names (a new connection first, then the
 * old one retired with {@code shutdown fin:2} and closed once its clients have gone), so that when the operator
 * regenerates the old key no connection rests on it.
 */
@LoadTest
class DefaultModeKeyRotationUnderLoadTests {

	private static final EndpointId ENDPOINT = new EndpointId("", EndpointType.PRIMARY);

	private static final String SECRET = AutoConfigureSignalREmulator.SECRET_NAME;

	/** {@code azure.signalr.key-vault.refresh-interval} */
	private static final Duration REFRESH_INTERVAL = Duration.ofMillis(500);

	/** {@code azure.signalr.access-token-lifetime} */
	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(4);

	private static final int CONNECTIONS = 5;

	/**
	 * An emulator that keeps the live server connections when a key is regenerated, as the service does.
	 */
	@Nested
	@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
					"azure.signalr.key-vault.refresh-interval=500ms", "azure.signalr.access-token-lifetime=4s" })
	@AutoConfigureSignalREmulator(keyVault = true)
	@DirtiesContext
	class KeepingServerConnectionsOnRegeneration extends Procedure {

		KeepingServerConnectionsOnRegeneration() {
			super("keeping");
		}

	}

	/**
	 * An emulator that drops the server connections the regenerated key signed.
	 */
	@Nested
	@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class, DroppingServerConnections.class },
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
					"azure.signalr.key-vault.refresh-interval=500ms", "azure.signalr.access-token-lifetime=4s" })
	@AutoConfigureSignalREmulator(keyVault = true)
	@DirtiesContext
	class DroppingServerConnectionsOnRegeneration extends Procedure {

		DroppingServerConnectionsOnRegeneration() {
			super("dropping");
		}

	}

	/**
	 * The procedure, against the emulators of the subclass's context.
	 */
	@ExtendWith(OutputCaptureExtension.class)
	abstract static class Procedure {

		private final String behaviour;

		@Autowired
		private KeyVaultEmulator vault;

		@Autowired
		private SignalREmulator service;

		@Autowired
		private ConfigurableApplicationContext app;

		private final List<String> keysUsed = new ArrayList<>();

		Procedure(String behaviour) {
			this.behaviour = behaviour;
		}

		@Test
		void twoKeyProcedureTwiceUnderLoadFailsNothing(CapturedOutput output) throws Exception {
			rememberKeys();
			DefaultModeServer server = this.app.getBean(DefaultModeServer.class);
			await().atMost(Duration.ofSeconds(40)).until(() -> connected(server) == CONNECTIONS);
			KeyRotationStatus status = this.app.getBean(KeyRotationStatus.class);
			List<String> follows = new ArrayList<>();
			DefaultModeLoadGenerator load = new DefaultModeLoadGenerator(ChatApplication.url(this.app),
					this.app.getBean(SignalRTemplate.class), 32, 250, Duration.ofSeconds(60));
			try {
				// Warm up: the first client connections and sends pay for class loading and connection pools.
				Thread.sleep(1500);
				for (int round = 1; round <= 2; round++) {
					follows.add("round " + round + ", to secondary: " + follow(status, KeyType.SECONDARY).toMillis()
							+ " ms");
					awaitPreviousKeySafe(status);
					this.service.regenerateKey(KeyType.PRIMARY);
					rememberKeys();
					follows.add(
							"round " + round + ", to primary: " + follow(status, KeyType.PRIMARY).toMillis() + " ms");
					awaitPreviousKeySafe(status);
					this.service.regenerateKey(KeyType.SECONDARY);
					rememberKeys();
				}
				// Operations started just before the last regeneration finish with the key in use.
				Thread.sleep(1000);
				assertThat(load.isRunning()).as("the load ran throughout the procedure").isTrue();
			}
			finally {
				load.close();
			}
			System.out.println("Default-mode key rotation under load (" + this.behaviour + "): " + load.summary());
			follows.forEach((follow) -> System.out.println(
					"Default-mode key rotation under load (" + this.behaviour + "): followed the vault " + follow));
			assertThat(load.failureSamples()).as("failed operations").isEmpty();
			assertThat(load.failures()).isZero();
			assertThat(load.operationsPerSecond()).isGreaterThanOrEqualTo(200);
			await().atMost(Duration.ofSeconds(20)).until(() -> connected(server) == CONNECTIONS);
			LogScan.assertNoSecrets(output.getAll(), this.keysUsed);
		}

		/**
		 * Points the vault at one of the service's keys and waits for the application to use it.
		 * @return from the vault update to the switch (the registry event's timestamp)
		 */
		private Duration follow(KeyRotationStatus status, KeyType type) {
			String keyId = AccessKey.of(this.service.accessKey(type)).id();
			Instant set = Instant.now();
			this.vault.secrets().set(SECRET, this.service.connectionString(type));
			EndpointKeyStatus switched = await().atMost(REFRESH_INTERVAL.multipliedBy(10))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> status.get(ENDPOINT).orElseThrow(), (current) -> keyId.equals(current.keyId()));
			return Duration.between(set, switched.since());
		}

		private void awaitPreviousKeySafe(KeyRotationStatus status) {
			await().atMost(TOKEN_LIFETIME.plusSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> status.get(ENDPOINT).orElseThrow().isPreviousKeySafeToRegenerate(Instant.now()));
		}

		private void rememberKeys() {
			this.keysUsed.add(this.service.accessKey(KeyType.PRIMARY));
			this.keysUsed.add(this.service.accessKey(KeyType.SECONDARY));
		}

		private static int connected(DefaultModeServer server) {
			return server.connectedCounts().values().stream().mapToInt((hubs) -> hubs.getOrDefault("chat", 0)).sum();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DroppingServerConnections {

		@Bean
		SignalREmulatorCustomizer dropServerConnectionsOnKeyRegeneration() {
			return (endpoint, builder) -> builder.dropServerConnectionsOnKeyRegeneration(true);
		}

	}

}
