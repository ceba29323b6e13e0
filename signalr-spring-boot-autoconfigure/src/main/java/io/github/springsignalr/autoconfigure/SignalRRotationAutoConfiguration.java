package io.github.springsignalr.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.github.springsignalr.endpoint.ConnectionStringResolver;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.token.SignalRTokenService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of key rotation support that does not depend on where keys come from: the
 * {@link KeyRotationStatus} of every endpoint, and following connection-string properties that change while the
 * application runs.
 */
@AutoConfiguration(after = SignalRAutoConfiguration.class)
@ConditionalOnBean(ServiceEndpointRegistry.class)
public final class SignalRRotationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KeyRotationStatus signalRKeyRotationStatus(ServiceEndpointRegistry registry, SignalRProperties properties,
			ObjectProvider<SignalRTokenService> tokens) {
		// The longest lifetime actually issued (a customizer may ask for more than the default), capped.
		SignalRTokenService service = tokens.getIfAvailable();
		return (service != null)
				? new KeyRotationStatus(registry, service::getLongestIssuedLifetime, Clock.systemUTC())
				: new KeyRotationStatus(registry, properties.getAccessTokenLifetime(), Clock.systemUTC());
	}

	@Bean
	static ApplicationListener<PayloadApplicationEvent<ServiceEndpointsChangedEvent>> signalRKeyRotationStatusUpdater(
			ObjectProvider<KeyRotationStatus> status) {
		return ApplicationListener.forPayload((event) -> status.ifAvailable((bean) -> bean.onEndpointsChanged(event)));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "azure.signalr.reload.enabled", matchIfMissing = true)
	ConfiguredEndpointsReloader signalRConfiguredEndpointsReloader(Environment environment,
			ObjectProvider<SignalRConnectionDetails> details, ServiceEndpointRegistry registry,
			ObjectProvider<ConnectionStringResolver> resolvers, SignalRProperties properties) {
		List<ConnectionStringResolver> all = resolvers.orderedStream().toList();
		return new ConfiguredEndpointsReloader(environment,
				details.getIfAvailable(() -> new PropertiesSignalRConnectionDetails(environment)), registry, all,
				properties.getReload().getInterval());
	}

}
