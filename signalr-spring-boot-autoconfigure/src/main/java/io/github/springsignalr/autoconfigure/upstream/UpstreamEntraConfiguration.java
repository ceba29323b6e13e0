package io.github.springsignalr.autoconfigure.upstream;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.autoconfigure.internal.SpringCloudAzureAuthorityHost;
import io.github.springsignalr.connectionstring.AuthType;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.entra.internal.AuthorityHosts;
import io.github.springsignalr.upstream.internal.EntraUpstreamTokenValidator;
import io.github.springsignalr.upstream.UpstreamBearerTokenValidator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Upstream requests authenticated with the Microsoft Entra token of the service's managed identity, when
 * {@value #AUDIENCE} is set and nimbus-jose-jwt is on the class path.
 * <p>
 * The tenant is {@value #TENANT_ID}, else the one {@code TenantId} the Microsoft Entra endpoints' connection strings
 * name. Microsoft Entra ID is found as the endpoints' credentials find it: Spring Cloud Azure's authority host or
 * cloud type, else the endpoint's cloud, else {@code AZURE_AUTHORITY_HOST}, else the public cloud.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(JWKSourceBuilder.class)
@ConditionalOnProperty(name = UpstreamEntraConfiguration.AUDIENCE)
class UpstreamEntraConfiguration {

	static final String AUDIENCE = "azure.signalr.upstream.entra.audience";

	static final String TENANT_ID = "azure.signalr.upstream.entra.tenant-id";

	static final String SSL_BUNDLE = "azure.signalr.upstream.entra.ssl-bundle";

	/** azure-identity's variable naming the authority host when nothing else does. */
	static final String AZURE_AUTHORITY_HOST = "AZURE_AUTHORITY_HOST";

	private static final int TIMEOUT_MILLIS = 5000;

	/** The largest metadata or key set read; Microsoft Entra ID's are a few kilobytes. */
	private static final int SIZE_LIMIT = 512 * 1024;

	@Bean
	@ConditionalOnMissingBean(UpstreamBearerTokenValidator.class)
	EntraUpstreamTokenValidator signalRUpstreamEntraTokenValidator(SignalRProperties properties,
			ServiceEndpointRegistry registry, Environment environment, ObjectProvider<SslBundles> sslBundles) {
		SignalRProperties.UpstreamEntra entra = properties.getUpstream().getEntra();
		List<ConnectionString> entraEndpoints = registry.endpoints()
			.stream()
			.map(ServiceEndpoint::connectionString)
			.filter((connectionString) -> connectionString.authType() != AuthType.ACCESS_KEY)
			.toList();
		String tenantId = tenantId(entra, entraEndpoints);
		String authorityHost = authorityHost(environment, entraEndpoints);
		SSLSocketFactory socketFactory = null;
		if (StringUtils.hasText(entra.getSslBundle())) {
			socketFactory = sslBundles.getObject().getBundle(entra.getSslBundle()).createSslContext().getSocketFactory();
		}
		DefaultResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT,
				true, socketFactory);
		return new EntraUpstreamTokenValidator(authorityHost, tenantId, entra.getAudience().trim(), retriever,
				Clock.systemUTC());
	}

	private static String tenantId(SignalRProperties.UpstreamEntra entra, List<ConnectionString> entraEndpoints) {
		if (StringUtils.hasText(entra.getTenantId())) {
			return entra.getTenantId().trim();
		}
		List<String> tenants = entraEndpoints.stream()
			.map(ConnectionString::tenantId)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		if (tenants.size() == 1) {
			return tenants.get(0);
		}
		String problem = tenants.isEmpty() ? "no Microsoft Entra endpoint's connection string names a TenantId"
				: "the Microsoft Entra endpoints' connection strings name several tenants " + tenants;
		throw new UpstreamAuthenticationException(
				"Upstream bearer tokens cannot be checked: " + AUDIENCE + " is set but the tenant that issues them is "
						+ "not known, as " + problem + ".",
				"Set " + TENANT_ID + " to the tenant of the service's managed identity, for example "
						+ TENANT_ID + "=00000000-0000-0000-0000-000000000000.");
	}

	private static String authorityHost(Environment environment, List<ConnectionString> entraEndpoints) {
		String configured = SpringCloudAzureAuthorityHost.of(Binder.get(environment));
		if (StringUtils.hasText(configured)) {
			return configured;
		}
		for (ConnectionString connectionString : entraEndpoints) {
			String cloud = AuthorityHosts.ofEndpoint(connectionString.endpoint());
			if (cloud != null) {
				return cloud;
			}
		}
		String variable = environment.getProperty(AZURE_AUTHORITY_HOST);
		return StringUtils.hasText(variable) ? variable : AuthorityHosts.AZURE_PUBLIC_CLOUD;
	}

}
