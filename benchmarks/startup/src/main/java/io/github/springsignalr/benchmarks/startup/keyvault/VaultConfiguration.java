package io.github.springsignalr.benchmarks.startup.keyvault;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.OffsetDateTime;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.azure.core.credential.AccessToken;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.spring.cloud.core.customizer.AzureServiceClientBuilderCustomizer;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Key Vault variant: the vault's client trusts the emulated vault's self-signed certificate (the PEM file named
 * by {@code startup.vault-certificate}) and presents a local token, which the emulated vault accepts, as the chat
 * sample's local mode does. Compiled only with {@code -Pstartup-keyvault}, which brings Spring Cloud Azure.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "com.azure.security.keyvault.secrets.SecretClientBuilder")
@ConditionalOnProperty("startup.vault-certificate")
public class VaultConfiguration {

	@Bean
	AzureServiceClientBuilderCustomizer<SecretClientBuilder> emulatedVaultClient(Environment environment) {
		// The TLS context when a client is built: with the starter switched off, the application loads none.
		Path certificate = Path.of(environment.getRequiredProperty("startup.vault-certificate"));
		return (builder) -> builder
			.httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(trusting(certificate)))
				.build())
			.credential((request) -> Mono.just(new AccessToken("local", OffsetDateTime.now().plusHours(1))));
	}

	private static SSLContext trusting(Path pem) {
		try {
			return trustContext(pem);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot trust the vault's certificate " + pem, ex);
		}
	}

	private static SSLContext trustContext(Path pem) throws Exception {
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		try (InputStream in = Files.newInputStream(pem)) {
			trust.setCertificateEntry("vault", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		return context;
	}

}
