package io.github.springsignalr.autoconfigure.actuate;

import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.actuate.ServerConnectionCounts;
import io.github.springsignalr.actuate.internal.SignalRMeters;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the starter's Micrometer meters ({@link SignalRMeters}), when Micrometer is on the classpath
 * and a {@link MeterRegistry} bean exists (Spring Boot's actuator makes one). The meters are a
 * {@link io.github.springsignalr.endpoint.SignalRListener} bean, which the token service, the negotiator, the
 * template and the Key Vault watcher are given. Switched off with {@code management.metrics.enable.signalr=false}.
 */
@AutoConfiguration(after = { SignalRAutoConfiguration.class, SignalRKeyRefreshStatusAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
						+ "SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, ServiceEndpointRegistry.class })
public final class SignalRMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SignalRMeters signalRMeters(MeterRegistry meterRegistry, ServiceEndpointRegistry registry,
			ObjectProvider<KeyRefreshStatusSource> refreshStatus,
			ObjectProvider<ServerConnectionCounts> serverConnections) {
		// Looked up when a gauge is read: the server connections are told of the meters, as a listener, and so are
		// created after them.
		return new SignalRMeters(meterRegistry, registry,
				refreshStatus.getIfAvailable(() -> KeyRefreshStatusSource.NONE),
				(endpoint) -> serverConnections.getIfAvailable(() -> ServerConnectionCounts.NONE).of(endpoint));
	}

	@Bean
	static ApplicationListener<PayloadApplicationEvent<ServiceEndpointsChangedEvent>> signalRMetersUpdater(
			ObjectProvider<SignalRMeters> meters) {
		return ApplicationListener.forPayload((event) -> meters.ifAvailable((bean) -> bean.onEndpointsChanged(event)));
	}

}
