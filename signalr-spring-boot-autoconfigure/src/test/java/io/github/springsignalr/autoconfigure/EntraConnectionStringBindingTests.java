package io.github.springsignalr.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.azure.core.credential.TokenCredential;
import io.github.springsignalr.connectionstring.AuthType;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.entra.internal.SignalRCredentialFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code AuthType} combination bound from {@code azure.signalr.connection-string} (a property, and the
 * {@code AZURE_SIGNALR_CONNECTIONSTRING} environment variable): the endpoint it makes, offline and keyless until the
 * service gives it a key, and the azure-identity credential it maps to.
 */
class EntraConnectionStringBindingTests {

	private static final String ENDPOINT = "Endpoint=https://demo.service.signalr.net;";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SignalRAutoConfiguration.class))
		.withInitializer(SignalRAutoConfigurationTests.environmentVariables(Map.of()));

	@TempDir
	static Path certificates;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "none", value = {
			"AuthType=azure|AZURE|none|none|com.azure.identity.DefaultAzureCredential",
			"AuthType=azure;ClientId=ignored;TenantId=ignored;ClientSecret=ignored"
					+ "|AZURE|none|none|com.azure.identity.DefaultAzureCredential",
			"AuthType=azure.msi|AZURE_MSI|none|none|com.azure.identity.ManagedIdentityCredential",
			"AuthType=azure.msi;ClientId=user-assigned"
					+ "|AZURE_MSI|user-assigned|none|com.azure.identity.ManagedIdentityCredential",
			"AuthType=aad|AZURE_MSI|none|none|com.azure.identity.ManagedIdentityCredential",
			"AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret=s"
					+ "|AZURE_APP|c|t|com.azure.identity.ClientSecretCredential",
			"AuthType=aad;ClientId=c;TenantId=t;ClientSecret=s|AZURE_APP|c|t|com.azure.identity.ClientSecretCredential",
			"AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret=s;ClientCertPath=CERT"
					+ "|AZURE_APP|c|t|com.azure.identity.ClientSecretCredential",
			"AuthType=azure.app;ClientId=c;TenantId=t;ClientCertPath=CERT"
					+ "|AZURE_APP|c|t|com.azure.identity.ClientCertificateCredential",
			"AuthType=azure.app;ClientId=c;TenantId=t;ClientCert=CERT"
					+ "|AZURE_APP|c|t|com.azure.identity.ClientCertificateCredential" })
	void eachAuthTypeBindsAndMapsToItsCredential(String keys, AuthType authType, String clientId, String tenantId,
			Class<?> credential) throws IOException {
		String connectionString = ENDPOINT + keys.replace("CERT", certificate().toString()) + ";Version=1.0;";
		for (ApplicationContextRunner source : List.of(
				this.runner.withPropertyValues("azure.signalr.connection-string=" + connectionString),
				this.runner.withInitializer(SignalRAutoConfigurationTests
					.environmentVariables(Map.of("AZURE_SIGNALR_CONNECTIONSTRING", connectionString))))) {
			source.run((context) -> {
				assertThat(context).hasNotFailed();
				ServiceEndpoint endpoint = context.getBean(ServiceEndpointRegistry.class).endpoints().get(0);
				ConnectionString parsed = endpoint.connectionString();
				assertThat(parsed.authType()).isEqualTo(authType);
				assertThat(parsed.clientId()).isEqualTo(clientId);
				assertThat(parsed.tenantId()).isEqualTo(tenantId);
				assertThat(parsed.accessKey()).isNull();
				assertThat(endpoint.accessKey()).as("no key before the service gives one").isNull();
				TokenCredential mapped = new SignalRCredentialFactory(null, null, List.of()).create(parsed);
				assertThat(mapped).isInstanceOf(credential);
			});
		}
	}

	private static Path certificate() throws IOException {
		Path certificate = certificates.resolve("app.pem");
		if (!Files.exists(certificate)) {
			Files.writeString(certificate, "read by azure-identity only when a token is asked for");
		}
		return certificate;
	}

}
