package io.github.springsignalr.autoconfigure;

import io.github.springsignalr.endpoint.ServiceEndpoint;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application declares at least one endpoint: in configuration, as a {@link ServiceEndpoint} bean,
 * or through a {@link ServiceEndpointsCustomizer}.
 */
class OnServiceEndpointsCondition extends AnyNestedCondition {

	OnServiceEndpointsCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@Conditional(ConnectionStringConfiguredCondition.class)
	static class Configured {

	}

	@ConditionalOnBean(ServiceEndpoint.class)
	static class EndpointBeans {

	}

	@ConditionalOnBean(ServiceEndpointsCustomizer.class)
	static class Customizers {

	}

	static class ConnectionStringConfiguredCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return ConnectionStringProperties.anyConfigured(context.getEnvironment())
					? ConditionOutcome.match("an endpoint is configured under " + ConnectionStringProperties.CONNECTION_STRING
							+ " or " + ConnectionStringProperties.ENDPOINTS)
					: ConditionOutcome.noMatch("no endpoint is configured under "
							+ ConnectionStringProperties.CONNECTION_STRING + " or " + ConnectionStringProperties.ENDPOINTS);
		}

	}

}
