package io.github.springsignalr.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.springsignalr.connectionstring.InvalidConnectionStringException;
import io.github.springsignalr.endpoint.ServiceEndpoint;

import org.springframework.core.env.Environment;

/**
 * Gathers the application's endpoints: configuration first, then beans, then customizers.
 */
final class ServiceEndpointsFactory {

	static final String EXAMPLE = "Endpoint=https://<resource>.service.signalr.net;AccessKey=<key>;Version=1.0;";

	private ServiceEndpointsFactory() {
	}

	static List<ServiceEndpoint> create(Environment environment, Stream<ServiceEndpoint> beans,
			Stream<ServiceEndpointsCustomizer> customizers) {
		List<ServiceEndpoint> endpoints = new ArrayList<>();
		for (ConfiguredEndpoint configured : ConnectionStringProperties.read(environment)) {
			endpoints.add(toServiceEndpoint(configured));
		}
		beans.forEach(endpoints::add);
		customizers.forEach((customizer) -> customizer.customize(endpoints));
		return endpoints;
	}

	static ServiceEndpoint toServiceEndpoint(ConfiguredEndpoint configured) {
		try {
			return ServiceEndpoint.of(configured.name(), configured.type(), configured.value());
		}
		catch (InvalidConnectionStringException ex) {
			// The parser's message names the key and the problem, never a secret; the value is not repeated here.
			throw new InvalidEndpointPropertyException(configured.property(), configured.origin(),
					"the connection string is invalid: " + ex.getMessage(), configured.property() + "=" + EXAMPLE,
					ex);
		}
	}

}
