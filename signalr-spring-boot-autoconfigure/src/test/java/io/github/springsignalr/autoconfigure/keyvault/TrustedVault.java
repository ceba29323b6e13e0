package io.github.springsignalr.autoconfigure.keyvault;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import com.azure.core.credential.AccessToken;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.spring.cloud.core.customizer.AzureServiceClientBuilderCustomizer;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import reactor.core.publisher.Mono;

/**
 * What a test application needs to reach the {@link KeyVaultEmulator}: a {@code SecretClientBuilder} customizer that
 * trusts the vault's certificate (no global JVM state) and uses a local credential. It leaves challenge-resource
 * verification on, as an application's customizer would: the starter turns it off on its own client for a vault on
 * loopback listed in {@code azure.signalr.key-vault.allowed-hosts}.
 * Public for the end-to-end tests' applications.
 */
public final class TrustedVault {

	private TrustedVault() {
	}

	/**
	 * @param vault the vault to trust, read when the client is built
	 */
	public static AzureServiceClientBuilderCustomizer<SecretClientBuilder> customizer(Supplier<KeyVaultEmulator> vault) {
		AzureServiceClientBuilderCustomizer<SecretClientBuilder> trust = trustOnly(vault);
		return (builder) -> {
			trust.customize(builder);
			// A unit boundary: the vault accepts any bearer token, so no identity provider is involved.
			builder.credential((request) -> Mono.just(new AccessToken("local-token", OffsetDateTime.now().plusHours(1))));
		};
	}

	/**
	 * Trusts the vault's certificate, without a credential: the client uses the one the starter gives it.
	 * @param vault the vault to trust, read when the client is built
	 */
	static AzureServiceClientBuilderCustomizer<SecretClientBuilder> trustOnly(Supplier<KeyVaultEmulator> vault) {
		// The emulator's own TLS context trusts its certificate, which it keeps when it is closed and started again.
		return (builder) -> builder
			.httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(vault.get().sslContext()))
				.build())
			// Fail fast when the vault is down, so that the watcher's own back-off is what is observed.
			.retryOptions(new RetryOptions(new FixedDelayOptions(1, Duration.ofMillis(100))));
	}

	/**
	 * A connection string with a fresh, realistic key (43 base64 characters and '=').
	 */
	static String connectionString(String host) {
		return "Endpoint=https://" + host + ";AccessKey=" + newKey() + ";Version=1.0;";
	}

	/**
	 * Waits until the wall clock enters the next whole second: Key Vault's dates are whole seconds, so a version set
	 * within the second of the one before ties with it, and the tie rules, not the order of writing, choose.
	 */
	static void awaitNextSecond() throws InterruptedException {
		Thread.sleep(1001 - (System.currentTimeMillis() % 1000));
	}

	static String newKey() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
