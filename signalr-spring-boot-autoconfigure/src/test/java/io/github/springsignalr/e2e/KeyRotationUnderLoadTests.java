package io.github.springsignalr.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.KeyRotationStatus.EndpointKeyStatus;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.testsupport.LoadTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's acceptance test: the service's two-key procedure, twice, on an application whose connection string is a
 * Key Vault reference, while a load of negotiations, client connections and REST sends runs — and not one of them
 * fails. Each step waits for what an operator would wait for: the application following the vault (its
 * {@link KeyRotationStatus} showing the new key) and the old key being safe to regenerate (the last token it signed
 * has expired, which the emulator enforces).
 */
@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.key-vault.refresh-interval=500ms",
				"azure.signalr.access-token-lifetime=4s" })
@AutoConfigureSignalREmulator(keyVault = true)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@LoadTest
class KeyRotationUnderLoadTests {

	private static final EndpointId ENDPOINT = new EndpointId("", EndpointType.PRIMARY);

	private static final String SECRET = AutoConfigureSignalREmulator.SECRET_NAME;

	/** {@code azure.signalr.key-vault.refresh-interval} */
	private static final Duration REFRESH_INTERVAL = Duration.ofMillis(500);

	/** {@code azure.signalr.access-token-lifetime} */
	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(4);

	@Autowired
	private KeyVaultEmulator vault;

	@Autowired
	private SignalREmulator service;

	@Autowired
	private ConfigurableApplicationContext app;

	private final List<String> keysUsed = new ArrayList<>();

	@Test
	void twoKeyProcedureTwiceUnderLoadFailsNothing(CapturedOutput output) throws Exception {
		rememberKeys();
		KeyRotationStatus status = this.app.getBean(KeyRotationStatus.class);
		List<String> follows = new ArrayList<>();
		LoadGenerator load = new LoadGenerator(ChatApplication.url(this.app), this.app.getBean(SignalRTemplate.class),
				12, 250, 25, Duration.ofSeconds(75));
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
		System.out.println("Key rotation under load: " + load.summary());
		follows.forEach((follow) -> System.out.println("Key rotation under load: followed the vault " + follow));
		assertThat(load.failureSamples()).as("failed operations").isEmpty();
		assertThat(load.failures()).isZero();
		assertThat(load.operationsPerSecond()).isGreaterThanOrEqualTo(200);
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

}
