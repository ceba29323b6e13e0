package io.github.springsignalr.autoconfigure;

import java.time.Clock;

import io.github.springsignalr.endpoint.ConnectionStringResolver;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.EndpointAvailability;
import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.token.SignalRNegotiationObservationConvention;
import io.github.springsignalr.token.SignalRNegotiator;
import io.github.springsignalr.token.SignalRTokenService;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Azure SignalR Service support: the {@link ServiceEndpointRegistry} of the endpoints that the
 * {@link SignalRConnectionDetails} (by default the properties), {@link ServiceEndpoint} beans and
 * {@link ServiceEndpointsCustomizer}s declare, the token service, the
 * router and the negotiator.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "azure.signalr.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SignalRProperties.class)
public final class SignalRAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SignalRAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(SignalRConnectionDetails.class)
	PropertiesSignalRConnectionDetails signalRConnectionDetails(Environment environment) {
		return new PropertiesSignalRConnectionDetails(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnServiceEndpointsCondition.class)
	ServiceEndpointRegistry serviceEndpointRegistry(Environment environment, SignalRConnectionDetails connectionDetails,
			ObjectProvider<ServiceEndpoint> endpoints, ObjectProvider<ServiceEndpointsCustomizer> customizers,
			ObjectProvider<ConnectionStringResolver> resolvers, ApplicationEventPublisher publisher) {
		return new ServiceEndpointRegistry(ServiceEndpointsFactory.create(environment, connectionDetails,
				endpoints.orderedStream(), customizers.orderedStream(), resolvers.orderedStream().toList()), publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	SignalRTokenService signalRTokenService(SignalRProperties properties, ObjectProvider<SignalRListener> listeners) {
		SignalRTokenService tokens = new SignalRTokenService(properties.getAccessTokenLifetime(), Clock.systemUTC(),
				SignalRListener.of(listeners.orderedStream().toList()));
		tokens.setMaxLifetime(properties.getAccessTokenMaxLifetime());
		try {
			tokens.setApplicationName(properties.getApplicationName());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The property 'azure.signalr.application-name' must start with a letter "
					+ "and hold up to 128 letters, digits and _`,.[] (as hub names), for example 'shop', not '"
					+ properties.getApplicationName() + "'", ex);
		}
		return tokens;
	}

	@Bean
	@ConditionalOnMissingBean
	EndpointRouter signalREndpointRouter() {
		return new DefaultEndpointRouter();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ServiceEndpointRegistry.class)
	SignalRNegotiator signalRNegotiator(ServiceEndpointRegistry registry, EndpointRouter router,
			SignalRTokenService tokens, ObjectProvider<SignalRListener> listeners,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SignalRNegotiationObservationConvention> observationConvention,
			ObjectProvider<EndpointAvailability> availability) {
		SignalRNegotiator negotiator = new SignalRNegotiator(registry, router, tokens,
				SignalRListener.of(listeners.orderedStream().toList()));
		negotiator.setEndpointAvailability(availability.getIfUnique(() -> EndpointAvailability.REGISTRY));
		negotiator.setObservationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		negotiator.setObservationConvention(observationConvention.getIfAvailable());
		return negotiator;
	}

	@Bean
	@ConditionalOnMissingBean(ServiceEndpointRegistry.class)
	static SmartInitializingSingleton signalRNoEndpointNotice() {
		return () -> logger.info("Azure SignalR Service support is idle: no endpoint is configured. Set "
				+ ConnectionStringProperties.CONNECTION_STRING + " (or the environment variable "
				+ "AZURE_SIGNALR_CONNECTIONSTRING) to a connection string, or declare a ServiceEndpoint bean.");
	}

}
