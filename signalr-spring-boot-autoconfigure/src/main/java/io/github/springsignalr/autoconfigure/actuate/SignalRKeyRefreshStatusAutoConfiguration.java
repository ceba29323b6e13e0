package io.github.springsignalr.autoconfigure.actuate;

import java.time.Clock;

import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.keyvault.internal.KeyVaultSecretWatcher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link KeyRefreshStatusSource} that health, the actuator endpoint and the meters read:
 * Key Vault's watcher, looked up when asked so that this needs no ordering against the Key Vault auto-configuration.
 */
@AutoConfiguration(after = SignalRAutoConfiguration.class)
@ConditionalOnBean(ServiceEndpointRegistry.class)
public final class SignalRKeyRefreshStatusAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KeyRefreshStatusSource signalRKeyRefreshStatusSource(ObjectProvider<KeyVaultSecretWatcher> watcher,
			SignalRProperties properties) {
		return new KeyVaultRefreshStatusSource(watcher, properties.getKeyVault().getRefreshInterval(),
				Clock.systemUTC());
	}

}
