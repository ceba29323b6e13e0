package io.github.springsignalr.autoconfigure.keyvault;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

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
	 * @param vault the vault to trust, read at every handshake: a restarted vault comes with a new certificate
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
	 * @param vault the vault to trust, read at every handshake
	 */
	static AzureServiceClientBuilderCustomizer<SecretClientBuilder> trustOnly(Supplier<KeyVaultEmulator> vault) {
		return (builder) -> {
			SSLContext sslContext;
			try {
				sslContext = SSLContext.getInstance("TLS");
				sslContext.init(null, new TrustManager[] { new VaultTrustManager(vault) }, null);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
			builder.httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(sslContext))
				.build())
				// Fail fast when the vault is down, so that the watcher's own back-off is what is observed.
				.retryOptions(new RetryOptions(new FixedDelayOptions(1, Duration.ofMillis(100))));
		};
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

	private static final class VaultTrustManager implements X509TrustManager {

		private final Supplier<KeyVaultEmulator> vault;

		VaultTrustManager(Supplier<KeyVaultEmulator> vault) {
			this.vault = vault;
		}

		private X509TrustManager delegate() {
			try {
				TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				factory.init(this.vault.get().trustStore());
				return (X509TrustManager) factory.getTrustManagers()[0];
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType)
				throws java.security.cert.CertificateException {
			delegate().checkClientTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType)
				throws java.security.cert.CertificateException {
			delegate().checkServerTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
