package io.github.springsignalr.autoconfigure.upstream;

import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.upstream.UpstreamAuthenticator;
import io.github.springsignalr.upstream.UpstreamConnections;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.internal.ReactiveUpstreamHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The upstream route of a WebFlux application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class UpstreamReactiveRouteConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "signalRUpstreamRoute")
	RouterFunction<ServerResponse> signalRUpstreamRoute(SignalRProperties properties,
			UpstreamAuthenticator authenticator, UpstreamConnections connections, UpstreamEventDispatcher dispatcher) {
		ReactiveUpstreamHandler handler = new ReactiveUpstreamHandler(authenticator, connections, dispatcher,
				UpstreamEventDispatcher.isMessagePackAvailable(), properties.getApplicationName());
		return RouterFunctions.route(RequestPredicates.POST(SignalRUpstreamAutoConfiguration.path(properties)),
				handler);
	}

}
