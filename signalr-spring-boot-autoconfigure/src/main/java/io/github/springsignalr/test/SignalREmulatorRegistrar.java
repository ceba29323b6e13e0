package io.github.springsignalr.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springsignalr.autoconfigure.SignalRConnectionDetails;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.endpoint.EndpointType;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the beans of {@link AutoConfigureSignalREmulator}: one started emulator per endpoint (qualified by the
 * endpoint's name) and the connection details that list them.
 */
class SignalREmulatorRegistrar implements ImportBeanDefinitionRegistrar {

	static final String CONNECTION_DETAILS_BEAN = "signalREmulatorConnectionDetails";

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(AutoConfigureSignalREmulator.class.getName());
		String[] declared = (attributes != null) ? (String[]) attributes.get("endpoints") : new String[0];
		String upstream = (attributes != null) ? (String) attributes.get("upstream") : "";
		List<EmulatedEndpoint> endpoints = new ArrayList<>();
		for (String endpoint : (declared.length == 0) ? new String[] { "" } : declared) {
			endpoints.add(EmulatedEndpoint.parse(endpoint));
		}
		for (EmulatedEndpoint endpoint : endpoints) {
			RootBeanDefinition definition = new RootBeanDefinition(SignalREmulator.class,
					() -> start(upstream));
			definition.setDestroyMethodName("close");
			if (!endpoint.name().isEmpty()) {
				definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, endpoint.name()));
			}
			registry.registerBeanDefinition(endpoint.beanName(), definition);
		}
		registry.registerBeanDefinition(CONNECTION_DETAILS_BEAN, connectionDetails(registry, endpoints));
	}

	private static RootBeanDefinition connectionDetails(BeanDefinitionRegistry registry,
			List<EmulatedEndpoint> endpoints) {
		RootBeanDefinition definition = new RootBeanDefinition(EmulatorConnectionDetails.class);
		definition.setInstanceSupplier(() -> new EmulatorConnectionDetails(endpoints, (BeanFactory) registry));
		// Created after the emulators and destroyed before them, with everything that uses the endpoints.
		definition.setDependsOn(endpoints.stream().map(EmulatedEndpoint::beanName).toArray(String[]::new));
		return definition;
	}

	private static SignalREmulator start(String upstream) {
		SignalREmulator.Builder builder = SignalREmulator.builder().port(0);
		if (!upstream.isEmpty()) {
			builder.upstream(upstream);
		}
		return builder.build().start();
	}

	/**
	 * An endpoint as the annotation declares it: {@code ""}, {@code "east"} or {@code "west:secondary"}.
	 */
	record EmulatedEndpoint(String name, EndpointType type) {

		static EmulatedEndpoint parse(String declared) {
			int colon = declared.indexOf(':');
			if (colon < 0) {
				return new EmulatedEndpoint(declared, EndpointType.PRIMARY);
			}
			return new EmulatedEndpoint(declared.substring(0, colon), EndpointType.fromText(declared.substring(colon + 1)));
		}

		String beanName() {
			return this.name.isEmpty() ? "signalREmulator" : this.name + "SignalREmulator";
		}

	}

	/**
	 * The emulators' primary connection strings, read each time: a test that regenerates a key sees the application
	 * follow it on the reload interval.
	 */
	static final class EmulatorConnectionDetails implements SignalRConnectionDetails {

		private final List<EmulatedEndpoint> endpoints;

		private final BeanFactory beanFactory;

		EmulatorConnectionDetails(List<EmulatedEndpoint> endpoints, BeanFactory beanFactory) {
			this.endpoints = endpoints;
			this.beanFactory = beanFactory;
		}

		@Override
		public List<Endpoint> getEndpoints() {
			return this.endpoints.stream()
				.map((endpoint) -> new Endpoint(endpoint.name(), endpoint.type(),
						this.beanFactory.getBean(endpoint.beanName(), SignalREmulator.class).primaryConnectionString()))
				.toList();
		}

		@Override
		public String toString() {
			return "EmulatorConnectionDetails" + this.endpoints;
		}

	}

}
