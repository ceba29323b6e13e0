package io.github.springsignalr.autoconfigure.upstream;

import java.time.Clock;
import java.time.Duration;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.token.SignalRTokenService;
import io.github.springsignalr.upstream.LiveAccessKeys;
import io.github.springsignalr.upstream.SignalRUpstreamObservationConvention;
import io.github.springsignalr.upstream.UpstreamAuthenticator;
import io.github.springsignalr.upstream.UpstreamBearerTokenValidator;
import io.github.springsignalr.upstream.UpstreamConnections;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.UpstreamHandlerMethodProcessor;
import io.github.springsignalr.upstream.UpstreamSignatureValidator;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of serverless event handlers in a Spring MVC or WebFlux application: {@code POST
 * {azure.signalr.upstream.path}} receives the service's upstream requests, checks them against every live access key
 * (and their Microsoft Entra bearer token, with {@code azure.signalr.upstream.entra.audience}) and calls the
 * {@code @SignalRConnected}, {@code @SignalRDisconnected} and {@code @SignalRMessage} methods of the application's
 * beans. A configuration that could authenticate no request fails start-up.
 */
@AutoConfiguration(after = { SignalRAutoConfiguration.class, SslAutoConfiguration.class })
@Conditional(OnUpstreamWebStackCondition.class)
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBean(ServiceEndpointRegistry.class)
@ConditionalOnBooleanProperty(name = "azure.signalr.upstream.enabled", matchIfMissing = true)
@Import({ UpstreamEntraConfiguration.class, UpstreamServletRouteConfiguration.class,
		UpstreamReactiveRouteConfiguration.class })
public final class SignalRUpstreamAutoConfiguration {

	/** How many connections' hubs each instance remembers; see {@link UpstreamConnections}. */
	static final int REMEMBERED_CONNECTIONS = 100_000;

	@Bean
	@ConditionalOnMissingBean
	LiveAccessKeys signalRLiveAccessKeys(ServiceEndpointRegistry registry, SignalRProperties properties,
			ObjectProvider<SignalRTokenService> tokens) {
		// The grace is the longest lifetime actually issued (a customizer may ask for more than the default), capped.
		SignalRTokenService service = tokens.getIfAvailable();
		return (service != null) ? new LiveAccessKeys(registry, service::getLongestIssuedLifetime, Clock.systemUTC())
				: new LiveAccessKeys(registry, properties.getAccessTokenLifetime(), Clock.systemUTC());
	}

	@Bean
	static ApplicationListener<PayloadApplicationEvent<ServiceEndpointsChangedEvent>> signalRLiveAccessKeysUpdater(
			ObjectProvider<LiveAccessKeys> keys) {
		return ApplicationListener.forPayload((event) -> keys.ifAvailable((bean) -> bean.onEndpointsChanged(event)));
	}

	@Bean
	@ConditionalOnMissingBean
	UpstreamSignatureValidator signalRUpstreamSignatureValidator(LiveAccessKeys keys) {
		return new UpstreamSignatureValidator(keys::keys);
	}

	@Bean
	@ConditionalOnMissingBean
	UpstreamAuthenticator signalRUpstreamAuthenticator(UpstreamSignatureValidator signatures,
			ObjectProvider<UpstreamBearerTokenValidator> bearerTokens) {
		return new UpstreamAuthenticator(signatures, bearerTokens.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	UpstreamConnections signalRUpstreamConnections(SignalRProperties properties) {
		return new UpstreamConnections(REMEMBERED_CONNECTIONS, properties.getUpstream().isRequireConnectedEvent());
	}

	@Bean
	@ConditionalOnMissingBean
	UpstreamEventDispatcher signalRUpstreamEventDispatcher(ObjectProvider<JsonMapper> json,
			SignalRProperties properties, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SignalRUpstreamObservationConvention> observationConvention) {
		Duration timeout = properties.getUpstream().getInvocationTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalStateException(
					"The property 'azure.signalr.upstream.invocation-timeout' must be positive, not " + timeout);
		}
		UpstreamEventDispatcher dispatcher = new UpstreamEventDispatcher(json.getIfAvailable(JsonMapper::shared),
				timeout);
		dispatcher.setObservationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		dispatcher.setObservationConvention(observationConvention.getIfAvailable());
		return dispatcher;
	}

	@Bean
	@ConditionalOnMissingBean
	UpstreamHandlerMethodProcessor signalRUpstreamHandlerMethodProcessor(ConfigurableListableBeanFactory beanFactory,
			UpstreamEventDispatcher dispatcher) {
		return new UpstreamHandlerMethodProcessor(beanFactory, dispatcher);
	}

	// After the method processor: it checks the handler methods that one registers.
	@Bean
	UpstreamAuthenticationCheck signalRUpstreamAuthenticationCheck(ServiceEndpointRegistry registry,
			UpstreamEventDispatcher dispatcher, UpstreamAuthenticator authenticator) {
		return new UpstreamAuthenticationCheck(registry, dispatcher, authenticator);
	}

	static String path(SignalRProperties properties) {
		String path = properties.getUpstream().getPath();
		if (path == null || !path.startsWith("/")) {
			throw new IllegalStateException("The property 'azure.signalr.upstream.path' must be a path starting with "
					+ "'/', for example /signalr/upstream/{hub}/{category}/{event}");
		}
		return path;
	}

}
