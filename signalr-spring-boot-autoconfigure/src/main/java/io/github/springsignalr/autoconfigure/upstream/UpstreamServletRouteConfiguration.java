package io.github.springsignalr.autoconfigure.upstream;

import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.upstream.UpstreamAuthenticator;
import io.github.springsignalr.upstream.UpstreamConnections;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.internal.UpstreamHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The upstream route of a Spring MVC application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UpstreamServletRouteConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "signalRUpstreamRoute")
	RouterFunction<ServerResponse> signalRUpstreamRoute(SignalRProperties properties,
			UpstreamAuthenticator authenticator, UpstreamConnections connections, UpstreamEventDispatcher dispatcher) {
		UpstreamHandler handler = new UpstreamHandler(authenticator, connections, dispatcher,
				UpstreamEventDispatcher.isMessagePackAvailable(), properties.getApplicationName());
		return RouterFunctions.route(RequestPredicates.POST(SignalRUpstreamAutoConfiguration.path(properties)),
				handler);
	}

}
