package io.github.springsignalr.autoconfigure.keyvault;

import java.time.Clock;
import java.time.Duration;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.spring.cloud.autoconfigure.implementation.context.properties.AzureGlobalProperties;
import com.azure.spring.cloud.autoconfigure.implementation.keyvault.secrets.properties.AzureKeyVaultSecretProperties;
import com.azure.spring.cloud.autoconfigure.implementation.properties.utils.AzureGlobalPropertiesUtils;
import com.azure.spring.cloud.core.customizer.AzureServiceClientBuilderCustomizer;
import com.azure.spring.cloud.service.implementation.keyvault.secrets.SecretClientBuilderFactory;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.entra.EntraHostPolicy;
import io.github.springsignalr.keyvault.KeyVaultConnectionStringResolver;
import io.github.springsignalr.keyvault.KeyVaultSecretWatcher;
import io.github.springsignalr.keyvault.KeyVaultSecrets;
import io.github.springsignalr.keyvault.SecretClientKeyVaultSecrets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Key Vault references ({@code @Microsoft.KeyVault(…)}) as connection strings: resolved at
 * start-up, versionless ones watched, and a 401 from the service answered by an immediate refresh.
 * <p>
 * Clients are built by Spring Cloud Azure's {@link SecretClientBuilderFactory}: its own bean when
 * {@code spring.cloud.azure.keyvault.secret.endpoint} is set, else one bound the same way from
 * {@code spring.cloud.azure.*}, so that its credential, HTTP settings and every
 * {@code AzureServiceClientBuilderCustomizer<SecretClientBuilder>} apply. The vault is the reference's.
 */
@AutoConfiguration(after = SignalRAutoConfiguration.class, afterName = {
		"com.azure.spring.cloud.autoconfigure.implementation.context.AzureGlobalPropertiesAutoConfiguration",
		"com.azure.spring.cloud.autoconfigure.implementation.context.AzureTokenCredentialAutoConfiguration",
		"com.azure.spring.cloud.autoconfigure.implementation.keyvault.secrets.AzureKeyVaultSecretAutoConfiguration" })
@ConditionalOnClass({ SecretClient.class, SecretClientBuilderFactory.class })
@ConditionalOnBooleanProperty(name = "azure.signalr.enabled", matchIfMissing = true)
public final class SignalRKeyVaultAutoConfiguration {

	private static final String KEY_VAULT_PREFIX = "spring.cloud.azure.keyvault";

	@Bean
	@ConditionalOnMissingBean(SecretClientBuilderFactory.class)
	static SecretClientBuilderFactory signalRSecretClientBuilderFactory(Environment environment,
			ObjectProvider<AzureGlobalProperties> globalProperties,
			ObjectProvider<AzureServiceClientBuilderCustomizer<SecretClientBuilder>> customizers) {
		// As Spring Cloud Azure binds its own: global properties first, then the Key Vault ones, then secrets'.
		AzureKeyVaultSecretProperties properties = new AzureKeyVaultSecretProperties();
		AzureGlobalProperties global = globalProperties.getIfAvailable();
		if (global != null) {
			properties = AzureGlobalPropertiesUtils.loadProperties(global, properties);
		}
		Binder binder = Binder.get(environment);
		binder.bind(KEY_VAULT_PREFIX, Bindable.ofInstance(properties));
		binder.bind(KEY_VAULT_PREFIX + ".secret", Bindable.ofInstance(properties));
		SecretClientBuilderFactory factory = new SecretClientBuilderFactory(properties);
		customizers.orderedStream().forEach(factory::addBuilderCustomizer);
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	KeyVaultSecrets signalRKeyVaultSecrets(SecretClientBuilderFactory factory) {
		// The watcher retries with its own back-off, and start-up tries three times: the SDK's retries inside would
		// stack on those (6 s and four ERROR lines per failed poll), so this client makes one attempt per call.
		return new SecretClientKeyVaultSecrets((vault) -> factory.build()
			.vaultUrl(vault.toString())
			.retryOptions(null)
			.retryPolicy(new RetryPolicy(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO))))
			.buildClient());
	}

	@Bean
	@ConditionalOnMissingBean
	KeyVaultConnectionStringResolver signalRKeyVaultConnectionStringResolver(KeyVaultSecrets secrets,
			SignalRProperties properties) {
		return new KeyVaultConnectionStringResolver(secrets, Clock.systemUTC(), properties.getKeyVault().isFailFast());
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
