package io.github.springsignalr.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.spring.cloud.core.customizer.AzureServiceClientBuilderCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.springsignalr.autoconfigure.keyvault.TrustedVault;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.KeyRotationStatus.EndpointKeyStatus;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.server.DefaultModeServer;
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
 * <p>
 * The Key Vault reference and the regeneration behaviour are per test, so the emulators are set up here rather than
 * by {@code @AutoConfigureSignalREmulator}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DefaultModeKeyRotationUnderLoadTests {

	private static final EndpointId ENDPOINT = new EndpointId("", EndpointType.PRIMARY);

	private static final String SECRET = "signalr";

	private static final Duration REFRESH_INTERVAL = Duration.ofMillis(500);

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(4);

	private static final int CONNECTIONS = 5;

	private static volatile KeyVaultEmulator vault;

	private SignalREmulator service;

	private ConfigurableApplicationContext app;

	private final List<String> keysUsed = new ArrayList<>();

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		if (this.service != null) {
			this.service.close();
		}
		if (vault != null) {
			vault.close();
		}
	}

	@ParameterizedTest(name = "drop server connections on regeneration: {0}")
	@ValueSource(booleans = { false, true })
	void twoKeyProcedureTwiceUnderLoadFailsNothing(boolean dropOnRegeneration, CapturedOutput output)
			throws Exception {
		this.service = SignalREmulator.builder()
			.port(0)
			.dropServerConnectionsOnKeyRegeneration(dropOnRegeneration)
			.build()
			.start();
		rememberKeys();
		vault = KeyVaultEmulator.start(0);
		vault.secrets().set(SECRET, this.service.primaryConnectionString());
		this.app = new SpringApplicationBuilder(ChatApplication.class, ChatEvents.class, VaultTrust.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off", "azure.signalr.mode=default",
					"azure.signalr.connection-string=@Microsoft.KeyVault(SecretUri=" + vault.vaultUri() + "secrets/"
							+ SECRET + "/)",
					"azure.signalr.key-vault.refresh-interval=" + REFRESH_INTERVAL.toMillis() + "ms",
					"azure.signalr.key-vault.allowed-hosts=localhost",
					"azure.signalr.access-token-lifetime=" + TOKEN_LIFETIME.toSeconds() + "s")
			.run();
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
				follows.add("round " + round + ", to secondary: " + follow(status, KeyType.SECONDARY).toMillis() + " ms");
				awaitPreviousKeySafe(status);
				this.service.regenerateKey(KeyType.PRIMARY);
				rememberKeys();
				follows.add("round " + round + ", to primary: " + follow(status, KeyType.PRIMARY).toMillis() + " ms");
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
		String behaviour = dropOnRegeneration ? "dropping" : "keeping";
		System.out.println("Default-mode key rotation under load (" + behaviour + "): " + load.summary());
		follows.forEach((follow) -> System.out
			.println("Default-mode key rotation under load (" + behaviour + "): followed the vault " + follow));
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
		vault.secrets().set(SECRET, this.service.connectionString(type));
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

	@Configuration(proxyBeanMethods = false)
	static class VaultTrust {

		@Bean
		AzureServiceClientBuilderCustomizer<SecretClientBuilder> trustTheVault() {
			return TrustedVault.customizer(() -> vault);
		}

	}

}
