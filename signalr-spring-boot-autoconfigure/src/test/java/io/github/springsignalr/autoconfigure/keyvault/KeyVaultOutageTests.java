package io.github.springsignalr.autoconfigure.keyvault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.spring.cloud.core.customizer.AzureServiceClientBuilderCustomizer;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRRotationAutoConfiguration;
import io.github.springsignalr.autoconfigure.rest.SignalRRestAutoConfiguration;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorTest;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.keyvault.internal.KeyVaultSecretWatcher;
import io.github.springsignalr.keyvault.internal.KeyVaultSecretWatcher.SecretWatchStatus;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.NegotiateResponse;
import io.github.springsignalr.token.SignalRNegotiator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The vault goes down for 12 seconds, then comes back on the same port (the extension's vault closed and started
 * again): the endpoint keeps its key throughout and negotiations and sends keep working with it, the failures are
 * counted and the staleness visible, retries back off, and the next rotation is followed once the vault is back.
 */
@SignalREmulatorTest(keyVault = true)
@ExtendWith(OutputCaptureExtension.class)
class KeyVaultOutageTests {

	private static final Pattern KEY_PATTERN = Pattern.compile("[A-Za-z0-9+/]{43}=");

	private static final EndpointId UNNAMED = new EndpointId("", EndpointType.PRIMARY);

	private static final Duration OUTAGE = Duration.ofSeconds(12);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static volatile KeyVaultEmulator vault;

	@Test
	void keepsTheLastGoodKeyWhileTheVaultIsDownAndFollowsOnceItIsBack(SignalREmulator service,
			KeyVaultEmulator started, CapturedOutput output) throws Exception {
		vault = started;
		vault.secrets().set("outage", service.primaryConnectionString());
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class,
					SignalRRestAutoConfiguration.class, SignalRRotationAutoConfiguration.class,
					SignalRKeyVaultAutoConfiguration.class))
			.withUserConfiguration(VaultConfiguration.class)
			.withPropertyValues("azure.signalr.reload.enabled=false", "azure.signalr.key-vault.refresh-interval=1s",
					"azure.signalr.key-vault.allowed-hosts=localhost",
					"azure.signalr.connection-string=@Microsoft.KeyVault(SecretUri=" + vault.vaultUri()
							+ "secrets/outage/)")
			.run((context) -> {
				ServiceEndpointRegistry registry = context.getBean(ServiceEndpointRegistry.class);
				KeyVaultSecretWatcher watcher = context.getBean(KeyVaultSecretWatcher.class);
				ServiceEndpoint before = registry.find(UNNAMED).orElseThrow();
				vault.close();
				Instant down = Instant.now();
				int operations = 0;
				while (Duration.between(down, Instant.now()).compareTo(OUTAGE) < 0) {
					assertWorks(context, service);
					operations += 2;
					Thread.sleep(500);
				}
				assertThat(registry.find(UNNAMED)).contains(before);
				SecretWatchStatus status = watcher.status().get(0);
				assertThat(status.consecutiveFailures()).isPositive();
				assertThat(status.lastError()).contains("could not be listed");
				assertThat(status.staleness(Instant.now())).isGreaterThanOrEqualTo(OUTAGE.minusSeconds(1));
				long failures = watcher.failedRefreshes();
				// Retries start a second apart and never come closer than that.
				assertThat(failures).isPositive().isLessThanOrEqualTo(OUTAGE.toSeconds() + 2);
				System.out.println("Vault outage: " + failures + " failed refreshes in "
						+ Duration.between(down, Instant.now()).toSeconds() + " s, key kept, " + operations
						+ " negotiations and sends succeeded meanwhile");
				// Back on the same port, with the same certificate.
				vault.start();
				vault.secrets().set("outage", service.secondaryConnectionString());
				Instant back = Instant.now();
				String secondary = AccessKey.of(service.accessKey(KeyType.SECONDARY)).id();
				// The back-off may have reached the refresh interval: one interval, plus room for a loaded machine.
				await().atMost(Duration.ofSeconds(10))
					.until(() -> registry.find(UNNAMED).orElseThrow().accessKey().id(), secondary::equals);
				System.out.println("Vault back: followed the new version "
						+ Duration.between(back, Instant.now()).toMillis() + " ms later");
				// The status follows the registry by a hair: the poll publishes it once the switch is made.
				await().atMost(Duration.ofSeconds(5)).until(() -> watcher.status().get(0).consecutiveFailures() == 0);
				assertWorks(context, service);
			});
		String log = output.getAll();
		// One line when the outage began, one when it ended: not one per failed poll.
		assertThat(lines(log, "Could not refresh Key Vault secret")).isEqualTo(1);
		assertThat(lines(log, "still cannot be refreshed")).isZero();
		assertThat(lines(log, "is refreshed again")).isEqualTo(1);
		// The SDK logs each failed request itself (at ERROR, category com.azure.core); without its own retries that
		// is one request, not four, per failed poll.
		// Boot's console pattern abbreviates the category (c.a.c.http.jdk.httpclient.JdkHttpClient).
		long sdkErrors = log.lines()
			.filter((line) -> line.contains(" ERROR ") && (line.contains("com.azure.") || line.contains(" c.a.c.")))
			.count();
		System.out.println("Vault outage: " + sdkErrors + " ERROR lines from the Azure SDK, "
				+ lines(log, "KeyVaultSecretWatcher") + " from the watcher");
		assertThat(KEY_PATTERN.matcher(log).find()).isFalse();
	}

	private static long lines(String log, String text) {
		return log.lines().filter((line) -> line.contains(text)).count();
	}

	/**
	 * A negotiation whose token the service accepts, and a broadcast: both with the key in use.
	 */
	private static void assertWorks(AssertableApplicationContext context, SignalREmulator service) throws Exception {
		NegotiateResponse negotiated = context.getBean(SignalRNegotiator.class)
			.negotiate(ClientTokenRequest.of("chat", "alice"));
		HttpResponse<Void> accepted = HTTP.send(HttpRequest
			.newBuilder(URI.create(negotiated.url().replace("/client/?", "/client/negotiate?") + "&negotiateVersion=1"))
			.header("Authorization", "Bearer " + negotiated.accessToken())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(accepted.statusCode()).as("the service accepts the negotiated token").isEqualTo(200);
		assertThat(context.getBean(SignalRTemplate.class).sendToAll("chat", "message", "during the outage").succeeded())
			.isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class VaultConfiguration {

		@Bean
		AzureServiceClientBuilderCustomizer<SecretClientBuilder> trustTheVault() {
			return TrustedVault.customizer(() -> vault);
		}

	}

}
