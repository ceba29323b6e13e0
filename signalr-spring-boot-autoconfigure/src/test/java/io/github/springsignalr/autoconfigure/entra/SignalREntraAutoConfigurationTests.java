package io.github.springsignalr.autoconfigure.entra;

import java.time.Duration;
import java.util.List;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.CredentialBuilderBase;
import com.azure.spring.cloud.autoconfigure.implementation.context.AzureGlobalPropertiesAutoConfiguration;
import com.azure.spring.cloud.autoconfigure.implementation.context.AzureTokenCredentialAutoConfiguration;
import io.github.springsignalr.autoconfigure.internal.InvalidEndpointPropertyException;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.autoconfigure.SignalRProperties;
import io.github.springsignalr.autoconfigure.rest.SignalRRestAutoConfiguration;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.entra.internal.EntraAccessKeyClient;
import io.github.springsignalr.entra.internal.EntraKeyRefresher;
import io.github.springsignalr.entra.internal.EntraRestBearerTokenProvider;
import io.github.springsignalr.entra.internal.EntraTokens;
import io.github.springsignalr.entra.SignalRCredentialBuilderCustomizer;
import io.github.springsignalr.entra.internal.SignalRCredentialFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SignalREntraAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignalREntraAutoConfigurationTests {

	private static final String SECRET = "Zq8~unit-test-client-secret-0123456789ab";

	/** A service nothing answers at, and a Microsoft Entra ID likewise: start-up must not wait on either. */
	private static final String APP = "Endpoint=http://localhost;Port=1;AuthType=azure.app;ClientId=app-client-id;"
			+ "TenantId=app-tenant-id;ClientSecret=" + SECRET + ";Version=1.0;";

	private static final String ACCESS_KEY = "Endpoint=https://demo.service.signalr.net;"
			+ "AccessKey=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=;Version=1.0;";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRRestAutoConfiguration.class,
				SignalREntraAutoConfiguration.class))
		.withPropertyValues("azure.signalr.health-check.enabled=false",
				"spring.cloud.azure.profile.environment.active-directory-endpoint=https://localhost:1/",
				// APP's endpoint is on loopback, no host of the service.
				"azure.signalr.entra.allowed-hosts=localhost");

	@Test
	void entraEndpointGetsItsCredentialKeysAndRestBearer(CapturedOutput output) {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + APP)
			.withBean(SignalRCredentialBuilderCustomizer.class, () -> SignalREntraAutoConfigurationTests::failFast)
			.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SignalRCredentialFactory.class)
				.hasSingleBean(EntraTokens.class)
				.hasSingleBean(EntraAccessKeyClient.class)
				.hasSingleBean(EntraKeyRefresher.class)
				.hasSingleBean(EntraRestBearerTokenProvider.class);
			ServiceEndpoint endpoint = context.getBean(ServiceEndpointRegistry.class).endpoints().get(0);
			assertThat(context.getBean(SignalRCredentialFactory.class).authorityHost(endpoint.connectionString()))
				.isEqualTo("https://localhost:1/");
			assertThat(context.getBean(SignalRCredentialFactory.class).create(endpoint.connectionString()))
				.isInstanceOf(ClientSecretCredential.class);
			// No key to be had: started all the same, offline, and the log says why.
			assertThat(endpoint.accessKey()).isNull();
			assertThat(endpoint.online()).isFalse();
			await().atMost(Duration.ofSeconds(30)).until(() -> output.getAll().contains("The endpoint is offline"));
		});
		assertThat(output).contains("Could not get a Microsoft Entra token for Azure SignalR endpoint")
			.contains("ClientId=app-client-id, TenantId=app-tenant-id")
			.contains("The endpoint is offline until it gets a key")
			.doesNotContain(SECRET);
	}

	@Test
	void keyLifetimeDefaultsToFiveMinutesShortOfTheServicesNinety() {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + ACCESS_KEY).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SignalRProperties.class).getEntra().getKeyLifetime())
				.isEqualTo(Duration.ofMinutes(85))
				.isLessThan(EntraKeyRefresher.SERVICE_KEY_EXPIRY);
		});
	}

	@Test
	void keyLifetimePastTheServicesExpiryFailsStartUpNamingTheProperty() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + ACCESS_KEY, "azure.signalr.entra.key-lifetime=120m")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidEndpointPropertyException.class)
				.hasMessageContaining("azure.signalr.entra.key-lifetime")
				.hasMessageContaining("90 minutes"));
	}

	@ParameterizedTest
	@CsvSource(nullValues = "none", value = { "azure_china, none, https://login.chinacloudapi.cn/",
			"AZURE_US_GOVERNMENT, none, https://login.microsoftonline.us/", "azure, none, none",
			"azure_china, https://login.example.org/, https://login.example.org/" })
	void authorityHostFollowsSpringCloudAzuresProfile(String cloudType, String activeDirectoryEndpoint,
			String expected) {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cloud.azure.profile.cloud-type",
				cloudType);
		if (activeDirectoryEndpoint != null) {
			environment.setProperty("spring.cloud.azure.profile.environment.active-directory-endpoint",
					activeDirectoryEndpoint);
		}
		assertThat(SignalREntraAutoConfiguration.authorityHost(Binder.get(environment))).isEqualTo(expected);
	}

	@Test
	void azureUsesSpringCloudAzuresDefaultCredential() {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + ACCESS_KEY)
			.withUserConfiguration(DefaultCredentialConfiguration.class)
			.run((context) -> {
			TokenCredential credential = context.getBean(SignalRCredentialFactory.class)
				.create(ConnectionString.parse("Endpoint=https://demo.service.signalr.net;AuthType=azure;"));
			assertThat(credential).isSameAs(context.getBean("springCloudAzureDefaultCredential"));
		});
	}

	@Test
	void azureUsesTheDefaultCredentialOfSpringCloudAzuresOwnAutoConfiguration() {
		// Named in this test only: the starter's main classes neither import nor name Spring Cloud Azure's
		// implementation classes, nor order themselves after them.
		this.runner
			.withConfiguration(AutoConfigurations.of(AzureGlobalPropertiesAutoConfiguration.class,
					AzureTokenCredentialAutoConfiguration.class))
			.withPropertyValues("azure.signalr.connection-string=" + ACCESS_KEY)
			.run((context) -> {
			assertThat(context).hasNotFailed().hasBean("springCloudAzureDefaultCredential");
			TokenCredential credential = context.getBean(SignalRCredentialFactory.class)
				.create(ConnectionString.parse("Endpoint=https://demo.service.signalr.net;AuthType=azure;"));
			assertThat(credential).isSameAs(context.getBean("springCloudAzureDefaultCredential"));
		});
	}

	@Test
	void customizersAreApplied() {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + ACCESS_KEY)
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
			context.getBean(SignalRCredentialFactory.class)
				.create(ConnectionString.parse("Endpoint=https://demo.service.signalr.net;AuthType=azure.msi;"));
			assertThat(context.getBean(CustomizerConfiguration.class).customized).hasSize(1);
		});
	}

	@Test
	void backsOffToUserBeans() {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + ACCESS_KEY)
			.withUserConfiguration(UserFactoryConfiguration.class)
			.run((context) -> assertThat(context).getBean(SignalRCredentialFactory.class)
				.isSameAs(context.getBean(UserFactoryConfiguration.class).factory));
	}

	@Test
	void switchedOffWithTheStarter() {
		this.runner.withPropertyValues("azure.signalr.enabled=false", "azure.signalr.connection-string=" + APP)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EntraKeyRefresher.class));
	}

	@Test
	void withoutAzureIdentityAccessKeysStillWork() {
		this.runner.withClassLoader(new FilteredClassLoader("com.azure.identity"))
			.withPropertyValues("azure.signalr.connection-string=" + ACCESS_KEY)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ServiceEndpointRegistry.class)
				.doesNotHaveBean(EntraKeyRefresher.class));
	}

	/**
	 * No retries and no instance discovery (which asks the public cloud, whatever the authority host): the
	 * unreachable Microsoft Entra ID fails at once.
	 */
	private static void failFast(CredentialBuilderBase<?> builder) {
		builder.maxRetry(0);
		if (builder instanceof AadCredentialBuilderBase<?> aad) {
			aad.disableInstanceDiscovery();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class DefaultCredentialConfiguration {

		@Bean
		TokenCredential springCloudAzureDefaultCredential() {
			return (context) -> Mono.empty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<Object> customized = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		SignalRCredentialBuilderCustomizer recordingCustomizer() {
			return this.customized::add;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactoryConfiguration {

		final SignalRCredentialFactory factory = new SignalRCredentialFactory(null, null, List.of());

		@Bean
		SignalRCredentialFactory userCredentialFactory() {
			return this.factory;
		}

	}

}
