package io.github.springsignalr.autoconfigure.negotiate;

import java.security.Principal;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.negotiate.internal.NegotiateRequestHandler;
import io.github.springsignalr.negotiate.internal.ReactiveNegotiateHandler;
import io.github.springsignalr.negotiate.reactive.ReactiveNegotiateTokenCustomizer;
import io.github.springsignalr.negotiate.reactive.ReactiveNegotiateUserIdResolver;
import io.github.springsignalr.token.SignalRNegotiator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Auto-configuration of the negotiate endpoint SignalR clients call first, in a WebFlux application:
 * {@code POST {azure.signalr.negotiate.path-prefix}/{hub}/negotiate}, with the same properties, answers and errors as
 * {@link SignalRNegotiateAutoConfiguration}'s.
 */
@AutoConfiguration(after = SignalRAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(SignalRNegotiator.class)
@ConditionalOnBooleanProperty(name = "azure.signalr.negotiate.enabled", matchIfMissing = true)
public final class SignalRReactiveNegotiateAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveNegotiateUserIdResolver signalRReactiveNegotiateUserIdResolver() {
		return (request) -> request.principal().map(Principal::getName);
	}

	@Bean
	RouterFunction<ServerResponse> signalRNegotiateRoute(SignalRProperties properties, SignalRNegotiator negotiator,
			ReactiveNegotiateUserIdResolver userIdResolver,
			ObjectProvider<ReactiveNegotiateTokenCustomizer> customizers) {
		String prefix = properties.getNegotiate().getPathPrefix();
		if (prefix.endsWith("/")) {
			prefix = prefix.substring(0, prefix.length() - 1);
		}
		ReactiveNegotiateHandler handler = new ReactiveNegotiateHandler(
				new NegotiateRequestHandler(negotiator, properties.getNegotiate().getHubs()), userIdResolver,
				customizers.orderedStream().toList());
		return RouterFunctions.route(RequestPredicates.POST(prefix + "/{hub}/negotiate"), handler);
	}

}
