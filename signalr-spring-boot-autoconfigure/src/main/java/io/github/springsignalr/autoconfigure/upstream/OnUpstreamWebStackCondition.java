package io.github.springsignalr.autoconfigure.upstream;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.ConfigurationCondition;

/**
 * Matches a web application whose stack can serve the upstream route: Spring MVC's functional endpoints in a servlet
 * application, or WebFlux's in a reactive one.
 */
class OnUpstreamWebStackCondition extends AnyNestedCondition {

	OnUpstreamWebStackCondition() {
		super(ConfigurationCondition.ConfigurationPhase.PARSE_CONFIGURATION);
	}

	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
	static class ServletFunctionalEndpoints {

	}

	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
	static class ReactiveFunctionalEndpoints {

	}

}
