package io.github.springsignalr.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.springsignalr.autoconfigure.internal.InvalidEndpointPropertyException;
import io.github.springsignalr.connectionstring.AuthType;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.connectionstring.InvalidConnectionStringException;
import io.github.springsignalr.connectionstring.RedactedException;
import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.endpoint.ConnectionStringResolutionException;
import io.github.springsignalr.endpoint.ConnectionStringResolver;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ResolvedConnectionString;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.entra.internal.EntraHostPolicy;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Gathers the application's endpoints: configuration first (references resolved by the
 * {@link ConnectionStringResolver}s), then beans, then customizers.
 */
final class ServiceEndpointsFactory {

	static final String EXAMPLE = "Endpoint=https://<resource>.service.signalr.net;AccessKey=<key>;Version=1.0;";

	static final String ENTRA_EXAMPLE = "Endpoint=https://<resource>.service.signalr.net;AuthType=azure.app;"
			+ "ClientId=<client id>;TenantId=<tenant id>;ClientSecret=<client secret>;Version=1.0;";

	/** The property listing the hosts an Entra endpoint may use besides the service's. */
	static final String ALLOWED_HOSTS = "azure.signalr.entra.allowed-hosts";

	/** The shortest access key accepted at start-up: 32 characters, as a 24-byte key in base64. */
	static final int MIN_ACCESS_KEY_LENGTH = 32;

	private static final Pattern AUTH_TYPE = Pattern.compile("(^|;)\\s*authtype\\s*=", Pattern.CASE_INSENSITIVE);

	/** A class of azure-identity, which Microsoft Entra ID authentication needs. */
	static final String AZURE_IDENTITY_CLASS = "com.azure.identity.ClientSecretCredentialBuilder";

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
		return create(environment, new PropertiesSignalRConnectionDetails(environment), beans, customizers, resolvers);
	}

	/**
	 * @param details the configured endpoints, from properties or a {@link SignalRConnectionDetails} bean
	 * @param resolvers resolve the values that are references (Key Vault) rather than connection strings
	 */
	static List<ServiceEndpoint> create(Environment environment, SignalRConnectionDetails details,
			Stream<ServiceEndpoint> beans, Stream<ServiceEndpointsCustomizer> customizers,
			List<ConnectionStringResolver> resolvers) {
		List<ServiceEndpoint> endpoints = new ArrayList<>();
		EntraHostPolicy hostPolicy = hostPolicy(environment);
		PlaintextSecretCheck.warnAboutPlaintextSecrets(environment);
		for (ConfiguredEndpoint configured : PropertiesSignalRConnectionDetails.configured(details)) {
			endpoints.add(toServiceEndpoint(configured, resolvers, hostPolicy));
		}
		beans.forEach(endpoints::add);
		customizers.forEach((customizer) -> customizer.customize(endpoints));
		return endpoints;
	}

	static ServiceEndpoint toServiceEndpoint(ConfiguredEndpoint configured) {
		return toServiceEndpoint(configured, List.of(), EntraHostPolicy.DEFAULT);
	}

	/**
	 * The application's {@link EntraHostPolicy}: the service's hosts and those of {@value #ALLOWED_HOSTS}.
	 */
	static EntraHostPolicy hostPolicy(Environment environment) {
		return new EntraHostPolicy(
				Binder.get(environment).bind(ALLOWED_HOSTS, Bindable.listOf(String.class)).orElse(List.of()));
	}

	/**
	 * @param hostPolicy where an Entra endpoint may send its token
	 */
	static ServiceEndpoint toServiceEndpoint(ConfiguredEndpoint configured, List<ConnectionStringResolver> resolvers,
			EntraHostPolicy hostPolicy) {
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
				if (!resolved.isAvailable()) {
					// Told to start without its source: offline and without a key until the source is read.
					ConnectionString placeholder = new ConnectionString(resolved.unavailableEndpoint(), null, null,
							null, null, AuthType.ACCESS_KEY, null, null, null, null);
					return new ServiceEndpoint(configured.name(), configured.type(), placeholder, null, false);
				}
				value = resolved.connectionString();
				source = "the connection string in " + resolved.source();
			}
			catch (ConnectionStringResolutionException ex) {
				// Redacted, the cause too: a resolver's message should name the reference only, but it is not ours to
				// trust, and Spring Boot's DEBUG report of the failure prints every cause in full.
				throw new InvalidEndpointPropertyException(configured.property(), configured.origin(),
						Secrets.redactedMessage(ex), (ex.getValidForm() != null) ? configured.property() + "=" + ex.getValidForm()
								: null,
						RedactedException.of(ex));
			}
		}
		else if (configured.value().strip().regionMatches(true, 0, KEY_VAULT_PREFIX, 0, KEY_VAULT_PREFIX.length())) {
			throw new InvalidEndpointPropertyException(configured.property(), configured.origin(),
					"the value is a Key Vault reference, but Key Vault support is missing: add"
							+ " com.azure.spring:spring-cloud-azure-starter-keyvault-secrets to the application",
					null);
		}
		ServiceEndpoint endpoint;
		try {
			endpoint = ServiceEndpoint.of(configured.name(), configured.type(), value);
		}
		catch (InvalidConnectionStringException ex) {
			// The parser's message names the key and the problem, never a secret; the value is not repeated here.
			throw new InvalidEndpointPropertyException(configured.property(), configured.origin(),
					source + " is invalid: " + ex.getMessage(),
					configured.property() + "=" + (AUTH_TYPE.matcher(value).find() ? ENTRA_EXAMPLE : EXAMPLE), ex);
		}
		String accessKey = endpoint.connectionString().accessKey();
		if (accessKey != null && accessKey.length() < MIN_ACCESS_KEY_LENGTH) {
			// The parser takes any key, as .NET's does; a key this short is a placeholder or guessable, so refuse to
			// start with it. Its length only: a short key's few characters are all of it.
			throw new InvalidEndpointPropertyException(configured.property(), configured.origin(), source
					+ " has an AccessKey of " + accessKey.length() + " characters; it must have at least "
					+ MIN_ACCESS_KEY_LENGTH + " (the service's keys have 44): copy it whole from the portal or "
					+ "'az signalr key list'", configured.property() + "=" + EXAMPLE);
		}
		String hostProblem = hostPolicy.problem(endpoint.connectionString()).orElse(null);
		if (hostProblem != null) {
			throw new InvalidEndpointPropertyException(configured.property(), configured.origin(),
					source + " would send its Microsoft Entra token elsewhere: " + hostProblem,
					configured.property() + "=" + ENTRA_EXAMPLE);
		}
		AuthType authType = endpoint.connectionString().authType();
		if (authType.isEntra()
				&& !ClassUtils.isPresent(AZURE_IDENTITY_CLASS, null)) {
			throw new InvalidEndpointPropertyException(configured.property(), configured.origin(),
					source + " has AuthType=" + authType.connectionStringValue()
							+ ", but Microsoft Entra ID support is missing: add com.azure:azure-identity"
							+ " (or com.azure.spring:spring-cloud-azure-starter) to the application",
					null);
		}
		String certificate = endpoint.connectionString().clientCertPath();
		if (certificate != null && !Files.isReadable(Path.of(certificate))) {
			// The path is no secret; the file is read only when a token is first asked for, so check it now.
			throw new InvalidEndpointPropertyException(configured.property(), configured.origin(), source
					+ " has ClientCertPath=" + certificate + ", but no readable file is there (working directory "
					+ Path.of("").toAbsolutePath() + ")", null);
		}
		return endpoint;
	}

}
