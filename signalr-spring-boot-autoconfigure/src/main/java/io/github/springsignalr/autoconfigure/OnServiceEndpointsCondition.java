package io.github.springsignalr.autoconfigure;

import io.github.springsignalr.endpoint.ServiceEndpoint;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application declares at least one endpoint: in configuration or its own
 * {@link SignalRConnectionDetails}, as a {@link ServiceEndpoint} bean, or through a {@link ServiceEndpointsCustomizer}.
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
			if (hasOwnConnectionDetails(context)) {
				return ConditionOutcome.match("a SignalRConnectionDetails bean declares the endpoints");
			}
			return ConnectionStringProperties.anyConfigured(context.getEnvironment())
					? ConditionOutcome.match("an endpoint is configured under " + ConnectionStringProperties.CONNECTION_STRING
							+ " or " + ConnectionStringProperties.ENDPOINTS)
					: ConditionOutcome.noMatch("no endpoint is configured under "
							+ ConnectionStringProperties.CONNECTION_STRING + " or " + ConnectionStringProperties.ENDPOINTS);
		}

		/**
		 * Whether the application declares its own connection details: the properties-backed default yields to it.
		 */
		private static boolean hasOwnConnectionDetails(ConditionContext context) {
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			if (beanFactory == null) {
				return false;
			}
			for (String name : beanFactory.getBeanNamesForType(SignalRConnectionDetails.class, true, false)) {
				Class<?> type = beanFactory.getType(name, false);
				if (type != null && !PropertiesSignalRConnectionDetails.class.isAssignableFrom(type)) {
					return true;
				}
			}
			return false;
		}

	}

}
