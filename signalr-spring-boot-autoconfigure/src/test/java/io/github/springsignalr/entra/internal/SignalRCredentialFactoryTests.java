package io.github.springsignalr.entra.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientCertificateCredential;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.CredentialBuilderBase;
import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SignalRCredentialFactory}: each {@code AuthType} and its keys to an azure-identity credential, and
 * the authority host.
 */
@SignalREmulatorTest(entra = true)
class SignalRCredentialFactoryTests {

	private static final String ENDPOINT = "Endpoint=https://demo.service.signalr.net;";

	private final List<Class<?>> customized = new ArrayList<>();

	private final SignalRCredentialFactory factory = new SignalRCredentialFactory(null, null,
			List.of((builder) -> this.customized.add(builder.getClass())));

	@Test
	void azureIsTheDefaultChain() {
		TokenCredential credential = this.factory.create(parse(ENDPOINT + "AuthType=azure;"));
		assertThat(credential).isInstanceOf(DefaultAzureCredential.class);
		assertThat(this.customized).containsExactly(DefaultAzureCredentialBuilder.class);
	}

	@Test
	void azureIsTheApplicationsDefaultCredentialWhenItHasOne() {
		TokenCredential applications = (context) -> reactor.core.publisher.Mono.empty();
		SignalRCredentialFactory factory = new SignalRCredentialFactory(null, applications, List.of());
		assertThat(factory.create(parse(ENDPOINT + "AuthType=azure;"))).isSameAs(applications);
	}

	@Test
	void azureMsiWithoutClientIdIsTheSystemAssignedIdentity() {
		TokenCredential credential = this.factory.create(parse(ENDPOINT + "AuthType=azure.msi;"));
		assertThat(credential).isInstanceOf(ManagedIdentityCredential.class);
		assertThat(((ManagedIdentityCredential) credential).getClientId()).isNull();
		assertThat(this.customized).containsExactly(ManagedIdentityCredentialBuilder.class);
	}

	@Test
	void azureMsiWithClientIdIsThatUserAssignedIdentity() {
		TokenCredential credential = this.factory.create(parse(ENDPOINT + "AuthType=azure.msi;ClientId=abc-123;"));
		assertThat(((ManagedIdentityCredential) credential).getClientId()).isEqualTo("abc-123");
	}

	@Test
	void azureAppWithSecretIsAClientSecretCredential() {
		TokenCredential credential = this.factory
			.create(parse(ENDPOINT + "AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret=s;"));
		assertThat(credential).isInstanceOf(ClientSecretCredential.class);
		assertThat(this.customized).containsExactly(ClientSecretCredentialBuilder.class);
	}

	@ParameterizedTest
	@CsvSource({ "ClientCertPath=/certs/app.pem", "ClientCert=/certs/app.pem", "ClientCertPath=/certs/app.pfx",
			"ClientCertPath=/certs/APP.P12" })
	void azureAppWithCertificateIsAClientCertificateCredential(String certificate) {
		TokenCredential credential = this.factory
			.create(parse(ENDPOINT + "AuthType=azure.app;ClientId=c;TenantId=t;" + certificate));
		assertThat(credential).isInstanceOf(ClientCertificateCredential.class);
		assertThat(this.customized).containsExactly(ClientCertificateCredentialBuilder.class);
	}

	@Test
	void accessKeyNeedsNoCredential() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create(parse(ENDPOINT + "AccessKey=abc;Version=1.0;")))
			.withMessageContaining("needs no Microsoft Entra credential");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "none", value = { "https://demo.service.signalr.net, none",
			"https://demo.signalr.azure.cn, https://login.chinacloudapi.cn/",
			"https://demo.signalr.azure.us, https://login.microsoftonline.us/" })
	void authorityHostFollowsTheEndpointsCloud(String endpoint, String authorityHost) {
		assertThat(this.factory.authorityHost(parse("Endpoint=" + endpoint + ";AuthType=azure.msi;")))
			.isEqualTo(authorityHost);
	}

	@Test
	void configuredAuthorityHostWins() {
		SignalRCredentialFactory factory = new SignalRCredentialFactory("https://login.example.org/", null, List.of());
		assertThat(factory.authorityHost(parse("Endpoint=https://demo.signalr.azure.cn;AuthType=azure;")))
			.isEqualTo("https://login.example.org/");
	}

	@Test
	void azureAppSignsInWithItsTenantClientIdAndSecretAtTheAuthorityHost(EntraEmulator entra) {
		String tenantId = UUID.randomUUID().toString();
		String clientId = UUID.randomUUID().toString();
		String secret = TrustedEntra.newClientSecret();
		entra.registerApplication(tenantId, clientId, secret);
		List<CredentialBuilderBase<?>> builders = new ArrayList<>();
		SignalRCredentialFactory factory = new SignalRCredentialFactory(entra.authorityHost().toString(), null,
				List.of(TrustedEntra.customizer(entra), builders::add));
		TokenCredential credential = factory.create(parse(ENDPOINT + "AuthType=azure.app;ClientId=" + clientId
				+ ";TenantId=" + tenantId + ";ClientSecret=" + secret + ";"));
		String token = credential
			.getTokenSync(new TokenRequestContext().addScopes(EntraTokens.SCOPE))
			.getToken();
		assertThat(entra.verify(token)).isTrue();
		assertThat(entra.tokensIssued()).isOne();
		assertThat(builders).hasSize(1);
	}

	private static ConnectionString parse(String text) {
		return ConnectionString.parse(text);
	}

}
