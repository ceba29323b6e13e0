package io.github.springsignalr.autoconfigure;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The {@link SignalRConnectionDetails} that the connection-string properties declare, read from the environment each
 * time so that a property source whose values change is followed.
 */
final class PropertiesSignalRConnectionDetails implements SignalRConnectionDetails {

	private final Environment environment;

	PropertiesSignalRConnectionDetails(Environment environment) {
		this.environment = environment;
	}

	@Override
	public List<Endpoint> getEndpoints() {
		return configured().stream()
			.map((configured) -> new Endpoint(configured.name(), configured.type(), configured.value()))
			.toList();
	}

	/**
	 * The endpoints with the properties and origins that declared them, for error messages.
	 */
	List<ConfiguredEndpoint> configured() {
		return ConnectionStringProperties.read(this.environment);
	}

	/**
	 * The endpoints of any connection details, with the properties' own names when they come from properties.
	 */
	static List<ConfiguredEndpoint> configured(SignalRConnectionDetails details) {
		if (details instanceof PropertiesSignalRConnectionDetails properties) {
			return properties.configured();
		}
		String source = details.getClass().getName();
		return details.getEndpoints()
			.stream()
			.map((endpoint) -> new ConfiguredEndpoint(
					"SignalRConnectionDetails endpoint '" + endpoint.name() + "' (" + endpoint.type().text() + ")",
					source, endpoint.name(), endpoint.type(), endpoint.connectionString()))
			.toList();
	}

	@Override
	public String toString() {
		return "PropertiesSignalRConnectionDetails";
	}

}
