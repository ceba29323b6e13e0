package io.github.springsignalr.autoconfigure.keyvault;

import java.time.Clock;
import java.time.Duration;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.spring.cloud.core.customizer.AzureServiceClientBuilderCustomizer;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.entra.internal.EntraHostPolicy;
import io.github.springsignalr.keyvault.internal.KeyVaultConnectionStringResolver;
import io.github.springsignalr.keyvault.internal.KeyVaultHosts;
import io.github.springsignalr.keyvault.internal.KeyVaultSecretWatcher;
import io.github.springsignalr.keyvault.KeyVaultSecrets;
import io.github.springsignalr.keyvault.internal.SecretClientKeyVaultSecrets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Key Vault references ({@code @Microsoft.KeyVault(…)}) as connection strings: resolved at
 * start-up, versionless ones watched, and a 401 from the service answered by an immediate refresh.
 * <p>
 * The starter's vault client is built from Spring Cloud Azure's public API only: a {@link SecretClientBuilder} for the
 * reference's vault with Spring Cloud Azure's default credential ({@value #DEFAULT_CREDENTIAL}, configured by
 * {@code spring.cloud.azure.credential.*} and {@code profile.*}), then every
 * {@code AzureServiceClientBuilderCustomizer<SecretClientBuilder>} bean in order, and the documented
 * {@value #CHALLENGE_VERIFICATION}. Spring Cloud Azure publishes no factory of builders for a vault of the caller's
 * choosing (its {@code SecretClientBuilderFactory} is in an {@code implementation} package, its
 * {@code SecretClientBuilder} bean is one shared builder, made only for
 * {@code spring.cloud.azure.keyvault.secret.endpoint}), so its other per-client settings ({@code client.*},
 * {@code proxy.*}, {@code keyvault.secret.credential.*}) are applied by a customizer where needed. Every bean is
 * obtained when first used, so no ordering after Spring Cloud Azure's auto-configurations is needed.
 */
@AutoConfiguration(after = SignalRAutoConfiguration.class)
@ConditionalOnClass({ SecretClient.class, AzureServiceClientBuilderCustomizer.class })
@ConditionalOnBooleanProperty(name = "azure.signalr.enabled", matchIfMissing = true)
public final class SignalRKeyVaultAutoConfiguration {

	/** The name of the credential Spring Cloud Azure builds from {@code spring.cloud.azure.credential.*}. */
	static final String DEFAULT_CREDENTIAL = "springCloudAzureDefaultCredential";

	/** Spring Cloud Azure's documented switch of challenge-resource verification for its Key Vault secret clients. */
	static final String CHALLENGE_VERIFICATION = "spring.cloud.azure.keyvault.secret."
			+ "challenge-resource-verification-enabled";

	static final String ALLOWED_HOSTS = "azure.signalr.key-vault.allowed-hosts";

	@Bean
	@ConditionalOnMissingBean
	KeyVaultHosts signalRKeyVaultHosts(SignalRProperties properties) {
		return new KeyVaultHosts(properties.getKeyVault().getAllowedHosts(), ALLOWED_HOSTS);
	}

	@Bean
	@ConditionalOnMissingBean
	KeyVaultSecrets signalRKeyVaultSecrets(Environment environment, KeyVaultHosts hosts,
			@Qualifier(DEFAULT_CREDENTIAL) ObjectProvider<TokenCredential> defaultCredential,
			ObjectProvider<AzureServiceClientBuilderCustomizer<SecretClientBuilder>> customizers) {
		boolean verifyChallenge = environment.getProperty(CHALLENGE_VERIFICATION, Boolean.class, true);
		return new SecretClientKeyVaultSecrets((vault) -> {
			SecretClientBuilder builder = new SecretClientBuilder();
			defaultCredential.ifAvailable(builder::credential);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			// A local emulator's challenge cannot name a resource that localhost belongs to. Only this client, for
			// that vault, skips the check: the application's other Key Vault clients keep it.
			if (!verifyChallenge || hosts.isAllowedLoopback(vault)) {
				builder.disableChallengeResourceVerification();
			}
			// The watcher retries with its own back-off, and start-up tries three times: the SDK's retries inside
			// would stack on those (6 s and four ERROR lines per failed poll), so this client makes one attempt per
			// call.
			return builder.vaultUrl(vault.toString())
				.retryOptions(null)
				.retryPolicy(new RetryPolicy(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO))))
				.buildClient();
		});
	}

	@Bean
	@ConditionalOnMissingBean
	KeyVaultConnectionStringResolver signalRKeyVaultConnectionStringResolver(KeyVaultSecrets secrets,
			KeyVaultHosts hosts, SignalRProperties properties) {
		return new KeyVaultConnectionStringResolver(secrets, Clock.systemUTC(), properties.getKeyVault().isFailFast(),
				hosts);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ServiceEndpointRegistry.class)
	KeyVaultSecretWatcher signalRKeyVaultSecretWatcher(KeyVaultSecrets secrets, ServiceEndpointRegistry registry,
			KeyVaultConnectionStringResolver resolver, SignalRProperties properties,
			ObjectProvider<KeyRotationStatus> rotationStatus, ObjectProvider<SignalRListener> listeners) {
		return new KeyVaultSecretWatcher(secrets, registry, resolver.watched().values(),
				properties.getKeyVault().getRefreshInterval(), Clock.systemUTC(), rotationStatus.getIfAvailable(),
				SignalRListener.of(listeners.orderedStream().toList()),
				new EntraHostPolicy(properties.getEntra().getAllowedHosts()));
	}

	@Bean
	@ConditionalOnBean(KeyVaultSecretWatcher.class)
	KeyVaultWatchSchedule signalRKeyVaultWatchSchedule(KeyVaultSecretWatcher watcher) {
		return new KeyVaultWatchSchedule(watcher);
	}

}
