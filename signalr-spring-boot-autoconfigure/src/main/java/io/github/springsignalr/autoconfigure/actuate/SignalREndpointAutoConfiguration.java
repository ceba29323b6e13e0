package io.github.springsignalr.autoconfigure.actuate;

import java.time.Clock;

import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.actuate.ServerConnectionCounts;
import io.github.springsignalr.actuate.SignalREndpoint;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRRotationAutoConfiguration;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code signalr} actuator endpoint, when it is enabled and exposed
 * ({@code management.endpoints.web.exposure.include=signalr}).
 */
@AutoConfiguration(after = { SignalRAutoConfiguration.class, SignalRRotationAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(ServiceEndpointRegistry.class)
@ConditionalOnAvailableEndpoint(SignalREndpoint.class)
public final class SignalREndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SignalREndpoint signalREndpoint(ServiceEndpointRegistry registry, ObjectProvider<KeyRotationStatus> rotationStatus,
			ObjectProvider<KeyRefreshStatusSource> refreshStatus,
			ObjectProvider<ServerConnectionCounts> serverConnections) {
		return new SignalREndpoint(registry, rotationStatus.getIfAvailable(),
				refreshStatus.getIfAvailable(() -> KeyRefreshStatusSource.NONE), Clock.systemUTC(),
				serverConnections.getIfAvailable(() -> ServerConnectionCounts.NONE));
	}

}
