package io.github.springsignalr.connectionstring;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.springsignalr.connectionstring.ConnectionStringParserTests.K;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ConnectionStringBuilder}.
 */
class ConnectionStringBuilderTests {

	private static final String ENDPOINT = "https://demo.service.signalr.net";

	private static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";

	private static final String TENANT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

	@Test
	void writesAnAccessKeyStringAsThePortalDoes() {
		ConnectionStringBuilder builder = new ConnectionStringBuilder().endpoint(ENDPOINT).accessKey(K);
		assertThat(builder.build()).isEqualTo("Endpoint=" + ENDPOINT + ";AccessKey=" + K + ";Version=1.0;");
		assertThat(builder.toConnectionString()).isEqualTo(new ConnectionString(URI.create(ENDPOINT), K, "1.0", null,
				null, AuthType.ACCESS_KEY, null, null, null, null));
	}

	@Test
	void writesTheEmulatorsStringWithPortAndEndpoints() {
		ConnectionStringBuilder builder = new ConnectionStringBuilder().endpoint(URI.create("http://localhost"))
			.port(8888)
			.accessKey(K)
			.clientEndpoint("https://proxy.example.com/signalr")
			.serverEndpoint(URI.create("http://internal:5000"));
		assertThat(builder.build()).isEqualTo("Endpoint=http://localhost;Port=8888;AccessKey=" + K
				+ ";Version=1.0;ClientEndpoint=https://proxy.example.com/signalr;ServerEndpoint=http://internal:5000;");
		ConnectionString parsed = builder.toConnectionString();
		assertThat(parsed.endpoint()).hasToString("http://localhost:8888");
		assertThat(parsed.effectiveClientEndpoint()).hasToString("https://proxy.example.com/signalr");
		assertThat(parsed.effectiveServerEndpoint()).hasToString("http://internal:5000");
		assertThat(parsed.audienceBase()).isEqualTo("http://localhost");
	}

	@Test
	void writesTheDefaultCredentialChain() {
		ConnectionStringBuilder builder = new ConnectionStringBuilder().endpoint(ENDPOINT).authType(AuthType.AZURE);
		assertThat(builder.build()).isEqualTo("Endpoint=" + ENDPOINT + ";AuthType=azure;Version=1.0;");
		assertThat(builder.toConnectionString()).isEqualTo(new ConnectionString(URI.create(ENDPOINT), null, "1.0",
				null, null, AuthType.AZURE, null, null, null, null));
	}

	@Test
	void writesSystemAssignedManagedIdentity() {
		ConnectionStringBuilder builder = new ConnectionStringBuilder().endpoint(ENDPOINT)
			.authType(AuthType.AZURE_MSI)
			.version(null);
		assertThat(builder.build()).isEqualTo("Endpoint=" + ENDPOINT + ";AuthType=azure.msi;");
		assertThat(builder.toConnectionString()).isEqualTo(new ConnectionString(URI.create(ENDPOINT), null, null,
				null, null, AuthType.AZURE_MSI, null, null, null, null));
	}

	@Test
	void writesUserAssignedManagedIdentity() {
		ConnectionStringBuilder builder = new ConnectionStringBuilder().endpoint(ENDPOINT)
			.authType(AuthType.AZURE_MSI)
			.clientId(CLIENT_ID);
		assertThat(builder.build())
			.isEqualTo("Endpoint=" + ENDPOINT + ";AuthType=azure.msi;ClientId=" + CLIENT_ID + ";Version=1.0;");
		assertThat(builder.toConnectionString()).isEqualTo(new ConnectionString(URI.create(ENDPOINT), null, "1.0",
				null, null, AuthType.AZURE_MSI, CLIENT_ID, null, null, null));
	}

	@Test
	void writesApplicationWithClientSecret() {
		ConnectionStringBuilder builder = new ConnectionStringBuilder().endpoint(ENDPOINT)
			.authType(AuthType.AZURE_APP)
			.clientId(CLIENT_ID)
			.tenantId(TENANT_ID)
			.clientSecret("not-a-real-secret");
		assertThat(builder.build()).isEqualTo("Endpoint=" + ENDPOINT + ";AuthType=azure.app;ClientId=" + CLIENT_ID
				+ ";TenantId=" + TENANT_ID + ";ClientSecret=not-a-real-secret;Version=1.0;");
		assertThat(builder.toConnectionString()).isEqualTo(new ConnectionString(URI.create(ENDPOINT), null, "1.0",
				null, null, AuthType.AZURE_APP, CLIENT_ID, TENANT_ID, "not-a-real-secret", null));
	}

	// Written as ClientCert, the only spelling the .NET SDK reads, so that both stacks accept the string.
	@Test
	void writesApplicationWithCertificateUnderTheKeyTheDotNetSdkReads() {
		ConnectionStringBuilder builder = new ConnectionStringBuilder().endpoint(ENDPOINT)
			.authType(AuthType.AZURE_APP)
			.clientId(CLIENT_ID)
			.tenantId(TENANT_ID)
			.clientCertPath("/etc/certs/app.pem");
		assertThat(builder.build()).isEqualTo("Endpoint=" + ENDPOINT + ";AuthType=azure.app;ClientId=" + CLIENT_ID
				+ ";TenantId=" + TENANT_ID + ";ClientCert=/etc/certs/app.pem;Version=1.0;");
		assertThat(builder.toConnectionString()).isEqualTo(new ConnectionString(URI.create(ENDPOINT), null, "1.0",
				null, null, AuthType.AZURE_APP, CLIENT_ID, TENANT_ID, null, "/etc/certs/app.pem"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("io.github.springsignalr.connectionstring.ConnectionStringParserTests#validConnectionStrings")
	void rebuildsEveryValidConnectionStringToAnEqualOne(String text) {
		ConnectionString parsed = ConnectionString.parse(text);
		String rebuilt = ConnectionStringBuilder.from(parsed).build();
		ConnectionString reparsed = ConnectionString.parse(rebuilt);
		assertThat(ConnectionStringParserTests.fields(reparsed)).isEqualTo(ConnectionStringParserTests.fields(parsed));
		assertThat(reparsed.audienceBase()).isEqualTo(parsed.audienceBase());
	}

	@Test
	void refusesAStringWithoutEndpoint() {
		assertRefused(new ConnectionStringBuilder().accessKey(K), "Endpoint", "is required");
	}

	@Test
	void refusesAccessKeyTypeWithoutAccessKey() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT), "AccessKey", "is required");
	}

	@Test
	void refusesAccessKeyWithEntraType() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT).authType(AuthType.AZURE_MSI).accessKey(K),
				"AccessKey", "is not used with AuthType=azure.msi");
	}

	@Test
	void refusesEntraKeysWithAccessKeyType() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT).accessKey(K).clientId(CLIENT_ID), "ClientId",
				"is not used with an access key");
	}

	@Test
	void refusesClientIdWithDefaultCredentialChain() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT).authType(AuthType.AZURE).clientId(CLIENT_ID),
				"ClientId", "is not used with AuthType=azure");
	}

	@Test
	void refusesTenantIdWithManagedIdentity() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT).authType(AuthType.AZURE_MSI).tenantId(TENANT_ID),
				"TenantId", "is not used with AuthType=azure.msi");
	}

	@Test
	void refusesApplicationWithoutTenant() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT)
			.authType(AuthType.AZURE_APP)
			.clientId(CLIENT_ID)
			.clientSecret("s"), "TenantId", "needs the application's TenantId");
	}

	@Test
	void refusesApplicationWithoutSecretOrCertificate() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT)
			.authType(AuthType.AZURE_APP)
			.clientId(CLIENT_ID)
			.tenantId(TENANT_ID), "ClientSecret", "needs ClientSecret or ClientCertPath");
	}

	@Test
	void refusesApplicationWithBothSecretAndCertificate() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT)
			.authType(AuthType.AZURE_APP)
			.clientId(CLIENT_ID)
			.tenantId(TENANT_ID)
			.clientSecret("s")
			.clientCertPath("/c.pem"), "ClientCertPath", "one or the other");
	}

	@Test
	void refusesAValueHoldingASemicolon() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT).accessKey("abc;def"), "AccessKey",
				"holds a ';'");
	}

	@Test
	void refusesAValueTheParserWouldTrim() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT).accessKey(K + " "), "AccessKey",
				"starts or ends with blanks");
	}

	@Test
	void refusesAnEmptyValue() {
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT).accessKey(K).version(""), "Version",
				"is empty");
	}

	@Test
	void refusesWhatTheParserRefuses() {
		assertRefused(new ConnectionStringBuilder().endpoint("ws://demo").accessKey(K), "Endpoint",
				"the scheme 'ws' is not supported");
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT).accessKey(K).port(70000), "Port",
				"from 1 to 65535");
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT).accessKey(K).version("2.0"), "Version",
				"'2.0' is not supported");
		assertRefused(new ConnectionStringBuilder().endpoint(ENDPOINT).accessKey(K).clientEndpoint("proxy"),
				"ClientEndpoint", "is relative");
	}

	@Test
	void toStringShowsNeitherAccessKeyNorClientSecret() {
		ConnectionStringBuilder withKey = new ConnectionStringBuilder().endpoint(ENDPOINT).accessKey(K);
		assertThat(withKey.toString()).contains(ENDPOINT, "accessKey=***").doesNotContain(K);
		ConnectionStringBuilder withSecret = new ConnectionStringBuilder().endpoint(ENDPOINT)
			.authType(AuthType.AZURE_APP)
			.clientId(CLIENT_ID)
			.tenantId(TENANT_ID)
			.clientSecret("not-a-real-secret");
		assertThat(withSecret.toString()).contains(CLIENT_ID, TENANT_ID, "clientSecret=***")
			.doesNotContain("not-a-real-secret");
	}

	private static void assertRefused(ConnectionStringBuilder builder, String key, String fragment) {
		assertThatExceptionOfType(InvalidConnectionStringException.class).isThrownBy(builder::build)
			.satisfies((ex) -> {
				assertThat(ex.getKey()).isEqualTo(key);
				assertThat(ex.getReason()).contains(fragment);
			});
		assertThatExceptionOfType(InvalidConnectionStringException.class).isThrownBy(builder::toConnectionString)
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(key));
	}

}
