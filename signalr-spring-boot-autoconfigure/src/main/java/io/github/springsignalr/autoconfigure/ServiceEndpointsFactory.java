package io.github.springsignalr.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.springsignalr.connectionstring.InvalidConnectionStringException;
import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.endpoint.ConnectionStringResolutionException;
import io.github.springsignalr.endpoint.ConnectionStringResolver;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ResolvedConnectionString;
import io.github.springsignalr.endpoint.ServiceEndpoint;

import org.springframework.core.env.Environment;

/**
 * Gathers the application's endpoints: configuration first (references resolved by the
 * {@link ConnectionStringResolver}s), then beans, then customizers.
 */
final class ServiceEndpointsFactory {

	static final String EXAMPLE = "Endpoint=https://<resource>.service.signalr.net;AccessKey=<key>;Version=1.0;";

	/** How a Key Vault reference starts; known here to explain a reference that nothing can resolve. */
	private static final String KEY_VAULT_PREFIX = "@Microsoft.KeyVault(";

	private ServiceEndpointsFactory() {
	}

	static List<ServiceEndpoint> create(Environment environment, Stream<ServiceEndpoint> beans,
			Stream<ServiceEndpointsCustomizer> customizers) {
		return create(environment, beans, customizers, List.of());
	}

	/**
	 * @param resolvers resolve the values that are references (Key Vault) rather than connection strings
	 */
	static List<ServiceEndpoint> create(Environment environment, Stream<ServiceEndpoint> beans,
			Stream<ServiceEndpointsCustomizer> customizers, List<ConnectionStringResolver> resolvers) {
		List<ServiceEndpoint> endpoints = new ArrayList<>();
		PlaintextSecretCheck.warnAboutPlaintextSecrets(environment);
		for (ConfiguredEndpoint configured : ConnectionStringProperties.read(environment)) {
			endpoints.add(toServiceEndpoint(configured, resolvers));
		}
		beans.forEach(endpoints::add);
		customizers.forEach((customizer) -> customizer.customize(endpoints));
		return endpoints;
	}

	static ServiceEndpoint toServiceEndpoint(ConfiguredEndpoint configured) {
		return toServiceEndpoint(configured, List.of());
	}

	static ServiceEndpoint toServiceEndpoint(ConfiguredEndpoint configured, List<ConnectionStringResolver> resolvers) {
		String value = configured.value();
		String source = "the connection string";
		ConnectionStringResolver resolver = resolvers.stream()
			.filter((candidate) -> candidate.canResolve(configured.value()))
			.findFirst()
			.orElse(null);
		if (resolver != null) {
			try {
				ResolvedConnectionString resolved = resolver
					.resolve(new EndpointId(configured.name(), configured.type()), configured.value());
				value = resolved.connectionString();
				source = "the connection string in " + resolved.source();
			}
			catch (ConnectionStringResolutionException ex) {
				// Redacted: a resolver's message should name the reference only, but it is not ours to trust.
				throw new InvalidEndpointPropertyException(configured.property(), configured.origin(),
						Secrets.redactedMessage(ex), (ex.getValidForm() != null) ? configured.property() + "=" + ex.getValidForm()
								: null,
						ex);
			}
		}
		else if (configured.value().strip().regionMatches(true, 0, KEY_VAULT_PREFIX, 0, KEY_VAULT_PREFIX.length())) {
			throw new InvalidEndpointPropertyException(configured.property(), configured.origin(),
					"the value is a Key Vault reference, but Key Vault support is missing: add"
							+ " com.azure.spring:spring-cloud-azure-starter-keyvault-secrets to the application",
					null);
		}
		try {
			return ServiceEndpoint.of(configured.name(), configured.type(), value);
		}
		catch (InvalidConnectionStringException ex) {
			// The parser's message names the key and the problem, never a secret; the value is not repeated here.
			throw new InvalidEndpointPropertyException(configured.property(), configured.origin(),
					source + " is invalid: " + ex.getMessage(), configured.property() + "=" + EXAMPLE, ex);
		}
	}

}
