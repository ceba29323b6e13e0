package io.github.springsignalr.autoconfigure.negotiate;

import java.security.Principal;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.negotiate.internal.NegotiateHandler;
import io.github.springsignalr.negotiate.servlet.NegotiateTokenCustomizer;
import io.github.springsignalr.negotiate.servlet.NegotiateUserIdResolver;
import io.github.springsignalr.token.SignalRNegotiator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration of the negotiate endpoint SignalR clients call first, in a Spring MVC application:
 * {@code POST {azure.signalr.negotiate.path-prefix}/{hub}/negotiate}.
 */
@AutoConfiguration(after = SignalRAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(SignalRNegotiator.class)
@ConditionalOnBooleanProperty(name = "azure.signalr.negotiate.enabled", matchIfMissing = true)
public final class SignalRNegotiateAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Nullable NegotiateUserIdResolver signalRNegotiateUserIdResolver() {
		return (request) -> request.principal().map(Principal::getName).orElse(null);
	}

	@Bean
	RouterFunction<ServerResponse> signalRNegotiateRoute(SignalRProperties properties, SignalRNegotiator negotiator,
			NegotiateUserIdResolver userIdResolver, ObjectProvider<NegotiateTokenCustomizer> customizers) {
		String prefix = properties.getNegotiate().getPathPrefix();
		if (prefix.endsWith("/")) {
			prefix = prefix.substring(0, prefix.length() - 1);
		}
		NegotiateHandler handler = new NegotiateHandler(negotiator, properties.getNegotiate().getHubs(),
				userIdResolver, customizers.orderedStream().toList());
		return RouterFunctions.route(RequestPredicates.POST(prefix + "/{hub}/negotiate"), handler);
	}

}
