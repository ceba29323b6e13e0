package io.github.springsignalr.test;

import java.time.OffsetDateTime;

import com.azure.core.credential.AccessToken;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.spring.cloud.core.customizer.AzureServiceClientBuilderCustomizer;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import reactor.core.publisher.Mono;

/**
 * The vault client's customizer of {@link AutoConfigureSignalREmulator#keyVault()}: trusts the vault's self-signed
 * certificate (for this client only, no JVM-wide state) and presents a local token, which the vault accepts, so that
 * no identity provider is involved. Challenge-resource verification stays to the starter, which skips it for a vault
 * on loopback listed in {@code azure.signalr.key-vault.allowed-hosts}.
 */
final class KeyVaultEmulatorTrust implements AzureServiceClientBuilderCustomizer<SecretClientBuilder> {

	private final KeyVaultEmulator vault;

	KeyVaultEmulatorTrust(KeyVaultEmulator vault) {
		this.vault = vault;
	}

	@Override
	public void customize(SecretClientBuilder builder) {
		builder.httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(this.vault.sslContext()))
			.build());
		builder.credential((request) -> Mono.just(new AccessToken("local-token", OffsetDateTime.now().plusHours(1))));
	}

}
