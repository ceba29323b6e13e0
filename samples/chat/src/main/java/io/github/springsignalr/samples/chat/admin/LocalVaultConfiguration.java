package io.github.springsignalr.samples.chat.admin;

import java.time.OffsetDateTime;

import com.azure.core.credential.AccessToken;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.spring.cloud.core.customizer.AzureServiceClientBuilderCustomizer;
import io.github.springsignalr.emulator.spring.LocalEmulators;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Local mode with Key Vault: the application's {@code SecretClient} trusts the emulated vault's self-signed
 * certificate and presents a local token (the emulated vault accepts any), and the rotation procedure is available.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(LocalEmulators.class)
class LocalVaultConfiguration {

	@Bean
	AzureServiceClientBuilderCustomizer<SecretClientBuilder> localVaultClient(LocalEmulators emulators) {
		return (builder) -> {
			if (!emulators.hasVault()) {
				return;
			}
			builder
				.httpClient(new JdkHttpClientBuilder(
						java.net.http.HttpClient.newBuilder().sslContext(emulators.vault().sslContext()))
					.build())
				.credential((request) -> Mono.just(new AccessToken("local", OffsetDateTime.now().plusHours(1))));
		};
	}

	@Bean
	LocalKeyRotation localKeyRotation(LocalEmulators emulators, KeyRotationStatus status) {
		return new LocalKeyRotation(emulators, status);
	}

}
