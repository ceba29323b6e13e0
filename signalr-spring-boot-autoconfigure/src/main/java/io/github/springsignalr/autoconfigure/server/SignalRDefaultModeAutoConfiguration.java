package io.github.springsignalr.autoconfigure.server;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.springsignalr.actuate.ServerConnectionCounts;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.autoconfigure.upstream.SignalRUpstreamAutoConfiguration;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.rest.ReactiveSignalRTemplate;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.server.DefaultModeMessenger;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.server.ServerConnectionOptions;
import io.github.springsignalr.service.protocol.ServiceMessageEncoder;
import io.github.springsignalr.token.SignalRTokenService;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.UpstreamHandlerMethodProcessor;

/**
 * Default mode, with {@code azure.signalr.mode=default}: server connections to every endpoint for every hub that has
 * annotated methods (and those of {@code azure.signalr.server.hubs}), serving clients with the same
 * {@code @SignalRConnected}, {@code @SignalRDisconnected} and {@code @SignalRMessage} methods as upstream events.
 */
@AutoConfiguration(after = { SignalRAutoConfiguration.class, SignalRUpstreamAutoConfiguration.class })
@ConditionalOnClass({ ServiceMessageEncoder.class, JsonMapper.class })
@ConditionalOnBean({ ServiceEndpointRegistry.class, SignalRTokenService.class })
@ConditionalOnProperty(name = "azure.signalr.mode", havingValue = "default")
@Import({ SignalRDefaultModeAutoConfiguration.TemplateConfiguration.class,
		SignalRDefaultModeAutoConfiguration.ReactiveTemplateConfiguration.class })
public final class SignalRDefaultModeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UpstreamEventDispatcher signalRUpstreamEventDispatcher(ObjectProvider<JsonMapper> json,
			SignalRProperties properties) {
		return new UpstreamEventDispatcher(json.getIfAvailable(JsonMapper::shared),
				properties.getUpstream().getInvocationTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	UpstreamHandlerMethodProcessor signalRUpstreamHandlerMethodProcessor(ConfigurableListableBeanFactory beanFactory,
			UpstreamEventDispatcher dispatcher) {
		return new UpstreamHandlerMethodProcessor(beanFactory, dispatcher);
	}

	@Bean
	@ConditionalOnMissingBean
	DefaultModeServer signalRDefaultModeServer(ServiceEndpointRegistry registry, SignalRTokenService tokens,
			UpstreamEventDispatcher dispatcher, ObjectProvider<JsonMapper> json, SignalRProperties properties,
			ObjectProvider<SignalRListener> listeners) {
		int count = properties.getServer().getConnectionCount();
		if (count < 1) {
			throw new IllegalStateException(
					"The property 'azure.signalr.server.connection-count' must be at least 1, not " + count);
		}
		return new DefaultModeServer(registry, tokens, dispatcher, json.getIfAvailable(JsonMapper::shared),
				() -> hubs(dispatcher, properties), ServerConnectionOptions.DEFAULT.withConnectionCount(count)
					.withGracefulShutdownTimeout(gracefulShutdownTimeout(properties)),
				SignalRListener.of(listeners.orderedStream().toList()));
	}

	private static Duration gracefulShutdownTimeout(SignalRProperties properties) {
		Duration timeout = properties.getServer().getGracefulShutdownTimeout();
		if (timeout == null || timeout.isNegative()) {
			throw new IllegalStateException("The property 'azure.signalr.server.graceful-shutdown-timeout' must not "
					+ "be negative, not " + timeout);
		}
		return timeout;
	}

	private static Set<String> hubs(UpstreamEventDispatcher dispatcher, SignalRProperties properties) {
		Set<String> hubs = new LinkedHashSet<>(properties.getServer().getHubs());
		hubs.addAll(dispatcher.hubs());
		return hubs;
	}

	@Bean
	@ConditionalOnMissingBean
	DefaultModeMessenger signalRDefaultModeMessenger(DefaultModeServer server, ObjectProvider<JsonMapper> json) {
		return new DefaultModeMessenger(server, json.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	@ConditionalOnMissingBean
	ServerConnectionCounts signalRServerConnectionCounts(DefaultModeServer server) {
		return (endpoint) -> server.connectedCounts().getOrDefault(endpoint, Map.of());
	}

	@Bean
	DefaultModeServerLifecycle signalRDefaultModeServerLifecycle(DefaultModeServer server) {
		return new DefaultModeServerLifecycle(server);
	}

	/**
	 * Makes every {@link SignalRTemplate} send over the server connections for the hubs that have live ones.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClient.class)
	static class TemplateConfiguration {

		@Bean
		static BeanPostProcessor signalRTemplateOverServerConnections(ObjectProvider<DefaultModeMessenger> messenger) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof SignalRTemplate template)
							? template.withServerConnections(messenger.getObject()) : bean;
				}
			};
		}

	}

	/**
	 * Makes every {@link ReactiveSignalRTemplate} send over the server connections for the hubs that have live ones.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	static class ReactiveTemplateConfiguration {

		@Bean
		static BeanPostProcessor signalRReactiveTemplateOverServerConnections(
				ObjectProvider<DefaultModeMessenger> messenger) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof ReactiveSignalRTemplate template)
							? template.withServerConnections(messenger.getObject()) : bean;
				}
			};
		}

	}

}
