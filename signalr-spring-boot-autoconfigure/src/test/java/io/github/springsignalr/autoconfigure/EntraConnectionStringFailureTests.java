package io.github.springsignalr.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up errors of Microsoft Entra connection strings: every key an {@code AuthType} needs, missing or empty, and
 * azure-identity missing, each naming the property and the key, with an Entra connection string as the valid form and
 * never the client secret.
 */
class EntraConnectionStringFailureTests {

	private static final String SECRET = "Zq8~unit-test-client-secret-0123456789ab";

	private static final String APP = "Endpoint=https://demo.service.signalr.net;AuthType=azure.app;ClientId=c;"
			+ "TenantId=t;ClientSecret=" + SECRET + ";Version=1.0;";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class));

	@Test
	void withoutAzureIdentityAnEntraConnectionStringNamesTheMissingDependency() {
		this.runner.withClassLoader(new FilteredClassLoader("com.azure.identity"))
			.withPropertyValues("azure.signalr.connection-string=" + APP)
			.run((context) -> {
				FailureAnalysis analysis = SignalRAutoConfigurationTests.analyze(context);
				assertThat(analysis.getDescription()).contains("'azure.signalr.connection-string'")
					.contains("AuthType=azure.app")
					.contains("add com.azure:azure-identity");
				assertNoSecret(context, analysis);
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"AuthType=azure.app;TenantId=t;ClientSecret=" + SECRET + "|ClientId: is missing",
			"AuthType=azure.app;ClientId=c;ClientSecret=" + SECRET + "|TenantId: is missing",
			"AuthType=azure.app;ClientId=c;TenantId=t|ClientSecret: is missing",
			"AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret=|ClientSecret",
			"AuthType=azure.app;ClientId=c;TenantId=t;ClientCertPath=|ClientCertPath",
			"AuthType=azure.msi;ClientId=|ClientId", "AuthType=azure.cli|AuthType",
			"AuthType=azure.app;ClientId=c;TenantId=t;ClientCert=/a.pem;ClientCertPath=/b.pem|more than once" })
	void missingOrBadEntraKeysFailStartUpNamingPropertyAndKey(String keys, String problem) {
		this.runner.withPropertyValues("azure.signalr.endpoints.east.primary=Endpoint=https://east.service.signalr.net;"
				+ keys + ";Version=1.0;").run((context) -> {
					FailureAnalysis analysis = SignalRAutoConfigurationTests.analyze(context);
					assertThat(analysis.getDescription()).contains("'azure.signalr.endpoints.east.primary'")
						.contains(problem);
					assertThat(analysis.getAction()).contains("AuthType=azure.app;ClientId=<client id>;");
					assertNoSecret(context, analysis);
				});
	}

	@Test
	void certificateThatIsNotThereFailsStartUpNamingPropertyAndPath() {
		this.runner.withPropertyValues("azure.signalr.connection-string=Endpoint=https://demo.service.signalr.net;"
				+ "AuthType=azure.app;ClientId=c;TenantId=t;ClientCertPath=/no/such/app.pem;Version=1.0;")
			.run((context) -> assertThat(SignalRAutoConfigurationTests.analyze(context).getDescription())
				.contains("'azure.signalr.connection-string'")
				.contains("ClientCertPath=/no/such/app.pem, but no readable file is there"));
	}

	@Test
	void readableCertificateStarts(@TempDir Path directory) throws IOException {
		Path certificate = Files.writeString(directory.resolve("app.pem"), "not checked before a token is asked for");
		this.runner.withPropertyValues("azure.signalr.connection-string=Endpoint=https://demo.service.signalr.net;"
				+ "AuthType=azure.app;ClientId=c;TenantId=t;ClientCertPath=" + certificate + ";Version=1.0;")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static void assertNoSecret(AssertableApplicationContext context, FailureAnalysis analysis) {
		assertThat(analysis.getDescription()).doesNotContain(SECRET);
		assertThat(analysis.getAction()).doesNotContain(SECRET);
		for (Throwable failure = context.getStartupFailure(); failure != null; failure = failure.getCause()) {
			assertThat(String.valueOf(failure.getMessage())).doesNotContain(SECRET);
		}
	}

}
