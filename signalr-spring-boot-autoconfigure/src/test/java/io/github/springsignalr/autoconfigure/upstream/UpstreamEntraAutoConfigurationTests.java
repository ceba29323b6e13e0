package io.github.springsignalr.autoconfigure.upstream;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.upstream.internal.EntraUpstreamTokenValidator;
import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.SignalRMessage;
import io.github.springsignalr.upstream.UpstreamAuthenticator;
import io.github.springsignalr.upstream.UpstreamBearerTokenValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for the Microsoft Entra side of {@link SignalRUpstreamAutoConfiguration}: when bearer tokens are checked, for
 * which tenant and at which Microsoft Entra ID, and the start-up failure of a configuration that could authenticate
 * no upstream request. Tokens themselves are checked end to end ({@code EntraUpstreamEndToEndTests}).
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamEntraAutoConfigurationTests {

	private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	private static final String AZURE_APP = "Endpoint=https://east.service.signalr.net;AuthType=azure.app;ClientId="
			+ "0b2a7c9e-3f51-4b0e-9d5c-8a1e6f4d2c10;TenantId=" + TENANT + ";ClientSecret=Qx8~notARealSecretButShapedLikeOne00000;";

	private static final String AZURE_MSI = "Endpoint=https://west.service.signalr.net;AuthType=azure.msi;";

	private static final String ACCESS_KEY = "Endpoint=https://north.service.signalr.net;AccessKey="
			+ "dXBzdHJlYW0tZW50cmEtY29uZmlndXJhdGlvbi10ZXN0czA=;Version=1.0;";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SignalRAutoConfiguration.class, SslAutoConfiguration.class,
					SignalRUpstreamAutoConfiguration.class));

	@Test
	void entraEndpointsOnlyWithHandlersAndNoBearerValidationFailStartUpNamingTheProperties() {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + AZURE_APP)
			.withBean(Handlers.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis).as("the failure analyzer explains it").isNotNull();
				assertThat(analysis.getDescription()).contains("No upstream request can be authenticated")
					.contains("AuthType=AZURE_APP")
					.doesNotContain("notARealSecret");
				assertThat(analysis.getAction()).contains("azure.signalr.upstream.entra.audience")
					.contains("azure.signalr.upstream.entra.tenant-id")
					.contains("azure.signalr.upstream.enabled=false")
					.contains("ManagedIdentity");
			});
	}

	@Test
	void entraEndpointsWithoutHandlersStartAsThereIsNothingToProtect() {
		this.runner.withPropertyValues("azure.signalr.connection-string=" + AZURE_APP)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(UpstreamBearerTokenValidator.class));
	}

	@Test
	void anAccessKeyEndpointBesideEntraOnesStartsAndWarns(CapturedOutput output) {
		this.runner
			.withPropertyValues("azure.signalr.connection-string.east=" + AZURE_APP,
					"azure.signalr.connection-string.north=" + ACCESS_KEY)
			.withBean(Handlers.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Upstream events of the Microsoft Entra endpoints")
					.contains("azure.signalr.upstream.entra.audience");
			});
	}

	@Test
	void audienceTurnsOnBearerValidationForTheConnectionStringsTenantWithoutFetchingAnything() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + AZURE_APP,
					"azure.signalr.upstream.entra.audience=api://upstream")
			.withBean(Handlers.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(EntraUpstreamTokenValidator.class);
				assertThat(context.getBean(EntraUpstreamTokenValidator.class)).hasToString(
						"EntraUpstreamTokenValidator[authority=https://login.microsoftonline.com/" + TENANT
								+ ", audience=api://upstream]");
				assertThat(context.getBean(UpstreamAuthenticator.class).acceptsBearerTokens()).isTrue();
			});
	}

	@Test
	void tenantIdPropertyAndSpringCloudAzuresAuthorityHostWin() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + AZURE_APP,
					"azure.signalr.upstream.entra.audience=api://upstream",
					"azure.signalr.upstream.entra.tenant-id=contoso.onmicrosoft.com",
					"spring.cloud.azure.profile.environment.active-directory-endpoint=https://login.example.test/")
			.run((context) -> assertThat(context.getBean(EntraUpstreamTokenValidator.class)).hasToString(
					"EntraUpstreamTokenValidator[authority=https://login.example.test/contoso.onmicrosoft.com, "
							+ "audience=api://upstream]"));
	}

	@Test
	void anEndpointOfAzureChinaIsCheckedAtItsMicrosoftEntraId() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=Endpoint=https://demo.service.signalr.azure.cn;"
					+ "AuthType=azure.msi;", "azure.signalr.upstream.entra.audience=api://upstream",
					"azure.signalr.upstream.entra.tenant-id=" + TENANT)
			.run((context) -> assertThat(context.getBean(EntraUpstreamTokenValidator.class).toString())
				.contains("authority=https://login.chinacloudapi.cn/" + TENANT));
	}

	@Test
	void audienceWithoutAKnownTenantFailsStartUpNamingTheTenantProperty() {
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + AZURE_MSI,
					"azure.signalr.upstream.entra.audience=api://upstream")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("no Microsoft Entra endpoint's connection string "
						+ "names a TenantId");
				assertThat(analysis.getAction()).contains("azure.signalr.upstream.entra.tenant-id=");
			});
	}

	@Test
	void withoutNimbusNoBearerValidationAndEntraOnlyFailsStartUp() {
		this.runner.withClassLoader(new FilteredClassLoader(JWKSourceBuilder.class))
			.withPropertyValues("azure.signalr.connection-string=" + AZURE_APP,
					"azure.signalr.upstream.entra.audience=api://upstream")
			.withBean(Handlers.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(analyze(context.getStartupFailure()).getAction()).contains("com.nimbusds:nimbus-jose-jwt");
			});
	}

	@Test
	void aBearerValidatorOfTheApplicationReplacesMicrosoftEntrasAndSatisfiesTheCheck() {
		UpstreamBearerTokenValidator own = "let-me-in"::equals;
		this.runner
			.withPropertyValues("azure.signalr.connection-string=" + AZURE_APP,
					"azure.signalr.upstream.entra.audience=api://upstream")
			.withBean(Handlers.class)
			.withBean(UpstreamBearerTokenValidator.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(EntraUpstreamTokenValidator.class);
				UpstreamAuthenticator authenticator = context.getBean(UpstreamAuthenticator.class);
				assertThat(authenticator.isAuthentic("c1", null, "Bearer let-me-in")).isTrue();
				assertThat(authenticator.isAuthentic("c1", null, "Bearer other")).isFalse();
			});
	}

	@Test
	void aRealStartUpPrintsTheAnalysisThroughTheRegisteredAnalyzer(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(EntraOnlyApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"azure.signalr.connection-string=" + AZURE_APP);
		assertThatException().isThrownBy(application::run);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("No upstream request can be authenticated")
			.contains("azure.signalr.upstream.entra.audience")
			.doesNotContain("notARealSecret");
	}

	private static FailureAnalysis analyze(Throwable failure) {
		return new UpstreamAuthenticationFailureAnalyzer().analyze(failure);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Handlers.class)
	static class EntraOnlyApplication {

	}

	static class Handlers {

		@SignalRMessage(hub = "chat", target = "broadcast")
		String broadcast(InvocationContext context, String text) {
			return text;
		}

	}

}
