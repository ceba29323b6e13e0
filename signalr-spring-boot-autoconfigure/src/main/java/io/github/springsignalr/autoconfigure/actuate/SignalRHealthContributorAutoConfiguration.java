package io.github.springsignalr.autoconfigure.actuate;

import java.time.Clock;

import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.actuate.ServerConnectionCounts;
import io.github.springsignalr.actuate.internal.SignalREndpointsHealthContributor;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRRotationAutoConfiguration;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code signalr} health contributor: one component per endpoint, at
 * {@code /actuator/health/signalr/{component}}. Switched off with {@code management.health.signalr.enabled=false}.
 * <p>
 * The bean is named {@code signalrHealthContributor}, in lower case: the actuator names a contributor after its bean
 * without the suffix, so this name is what makes the path {@code signalr}.
 */
@AutoConfiguration(after = { SignalRAutoConfiguration.class, SignalRRotationAutoConfiguration.class },
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(ServiceEndpointRegistry.class)
@ConditionalOnEnabledHealthIndicator("signalr")
public final class SignalRHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "signalrHealthIndicator", "signalrHealthContributor" })
	SignalREndpointsHealthContributor signalrHealthContributor(ServiceEndpointRegistry registry,
			ObjectProvider<KeyRotationStatus> rotationStatus, ObjectProvider<KeyRefreshStatusSource> refreshStatus,
			ObjectProvider<ServerConnectionCounts> serverConnections) {
		return new SignalREndpointsHealthContributor(registry, rotationStatus.getIfAvailable(),
				refreshStatus.getIfAvailable(() -> KeyRefreshStatusSource.NONE), Clock.systemUTC(),
				serverConnections.getIfAvailable(() -> ServerConnectionCounts.NONE));
	}

}
