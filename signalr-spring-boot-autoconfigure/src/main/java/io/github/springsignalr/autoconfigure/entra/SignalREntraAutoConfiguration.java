package io.github.springsignalr.autoconfigure.entra;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.internal.InvalidEndpointPropertyException;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.autoconfigure.internal.SpringCloudAzureAuthorityHost;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.entra.internal.EntraAccessKeyClient;
import io.github.springsignalr.entra.internal.EntraKeyRefresher;
import io.github.springsignalr.entra.internal.EntraRestBearerTokenProvider;
import io.github.springsignalr.entra.internal.EntraTokens;
import io.github.springsignalr.entra.SignalRCredentialBuilderCustomizer;
import io.github.springsignalr.entra.internal.SignalRCredentialFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of Microsoft Entra ID authentication for endpoints whose connection string has an
 * {@code AuthType}: their credentials, temporary access keys kept fresh, and their Entra token on REST calls.
 * <p>
 * {@code AuthType=azure} uses Spring Cloud Azure's default credential ({@code springCloudAzureDefaultCredential},
 * configured by {@code spring.cloud.azure.credential.*}) when there is one; every credential signs in at
 * {@code spring.cloud.azure.profile.environment.active-directory-endpoint} when set (else at the one of
 * {@code spring.cloud.azure.profile.cloud-type} {@code azure_china} or {@code azure_us_government}), and
 * {@link SignalRCredentialBuilderCustomizer} beans customize them. The default credential is looked up when the
 * credential factory is created, after every bean definition is known, so no ordering after Spring Cloud Azure's
 * auto-configurations (whose classes are in its {@code implementation} packages) is needed.
 */
@AutoConfiguration(after = SignalRAutoConfiguration.class)
@ConditionalOnClass({ TokenCredential.class, ClientSecretCredentialBuilder.class })
@ConditionalOnBooleanProperty(name = "azure.signalr.enabled", matchIfMissing = true)
@ConditionalOnBean(ServiceEndpointRegistry.class)
public final class SignalREntraAutoConfiguration {

	static final String DEFAULT_CREDENTIAL = "springCloudAzureDefaultCredential";

	/** How long to wait for a connection to the service's access-key API. */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	@ConditionalOnMissingBean
	SignalRCredentialFactory signalRCredentialFactory(Environment environment,
			@Qualifier(DEFAULT_CREDENTIAL) ObjectProvider<TokenCredential> defaultCredential,
			ObjectProvider<SignalRCredentialBuilderCustomizer> customizers) {
		return new SignalRCredentialFactory(authorityHost(Binder.get(environment)), defaultCredential.getIfAvailable(),
				customizers.orderedStream().toList());
	}

	/**
	 * Spring Cloud Azure's authority host, else that of its cloud type, else {@code null} (the endpoint's cloud).
	 */
	static @Nullable String authorityHost(Binder binder) {
		return SpringCloudAzureAuthorityHost.of(binder);
	}

	@Bean
	@ConditionalOnMissingBean
	EntraTokens signalREntraTokens(SignalRCredentialFactory credentials) {
		return new EntraTokens(credentials);
	}

	@Bean
	@ConditionalOnMissingBean
	EntraAccessKeyClient signalREntraAccessKeyClient(EntraTokens tokens) {
		// The HttpClient (a thread, the JDK's TLS) at the first fetch: none where no endpoint uses Microsoft Entra ID.
		return EntraAccessKeyClient.withHttpClientOnFirstUse(tokens,
				SingletonSupplier.of(() -> HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()),
				EntraAccessKeyClient.DEFAULT_TIMEOUT);
	}

	@Bean
	@ConditionalOnMissingBean
	EntraKeyRefresher signalREntraKeyRefresher(ServiceEndpointRegistry registry, EntraAccessKeyClient client,
			SignalRProperties properties) {
		SignalRProperties.Entra entra = properties.getEntra();
		if (entra.getKeyLifetime().compareTo(EntraKeyRefresher.SERVICE_KEY_EXPIRY) > 0) {
			throw new InvalidEndpointPropertyException("azure.signalr.entra.key-lifetime", null,
					"the service lets a temporary access key expire 90 minutes after it issued it, so tokens signed "
							+ "with an older one are refused; set at most 90 minutes",
					"azure.signalr.entra.key-lifetime=85m");
		}
		return new EntraKeyRefresher(registry, client, entra.getKeyRefreshInterval(), entra.getRetryInterval(),
				entra.getKeyLifetime(), Clock.systemUTC());
	}

	@Bean
	EntraKeyRefreshSchedule signalREntraKeyRefreshSchedule(EntraKeyRefresher refresher) {
		return new EntraKeyRefreshSchedule(refresher);
	}

	@Bean
	@ConditionalOnMissingBean
	EntraRestBearerTokenProvider signalREntraRestBearerTokenProvider(EntraTokens tokens) {
		return new EntraRestBearerTokenProvider(tokens);
	}

}
