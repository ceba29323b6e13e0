package io.github.springsignalr.emulator.entra;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link EntraEmulator}'s HTTP API with the JDK's client over HTTPS: the token endpoint's answers and errors in
 * Microsoft identity platform's shape (never echoing a secret), the metadata and the signing key.
 */
class EntraEmulatorHttpTests {

	private static final JsonMapper json = JsonMapper.shared();

	private static final String TENANT_ID = UUID.randomUUID().toString();

	private static final String CLIENT_ID = UUID.randomUUID().toString();

	private static final String SECRET = "http-tests-secret~" + UUID.randomUUID();

	private static final String SIGNALR_SCOPE = "https://signalr.azure.com/.default";

	private static EntraEmulator entra;

	private static HttpClient https;

	@BeforeAll
	static void start() {
		entra = EntraEmulator.start(0).registerApplication(TENANT_ID, CLIENT_ID, SECRET);
		https = HttpClient.newBuilder().sslContext(entra.sslContext()).build();
	}

	@AfterAll
	static void stop() {
		entra.close();
	}

	@Test
	void tokenAnswerHasTheShapeOfMicrosoftIdentityPlatform() throws Exception {
		int before = entra.tokensIssued();
		HttpResponse<String> response = token(TENANT_ID, form(CLIENT_ID, SECRET, SIGNALR_SCOPE), null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode answer = json.readTree(response.body());
		assertThat(answer.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(answer.get("expires_in").asLong()).isEqualTo(3600);
		assertThat(answer.get("ext_expires_in").asLong()).isEqualTo(3600);
		String token = answer.get("access_token").asString();
		assertThat(entra.verify(token)).isTrue();
		assertThat(entra.tokensIssued()).isEqualTo(before + 1);
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly("https://signalr.azure.com");
	}

	@Test
	void openIdScopesBesideTheDefaultScopeAreIgnored() {
		HttpResponse<String> response = token(TENANT_ID,
				form(CLIENT_ID, SECRET, SIGNALR_SCOPE + " openid profile offline_access"), null);
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void secretInBasicAuthorizationIsAccepted() {
		String basic = Base64.getEncoder()
			.encodeToString((encode(CLIENT_ID) + ":" + encode(SECRET)).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = token(TENANT_ID,
				"grant_type=client_credentials&scope=" + encode(SIGNALR_SCOPE), "Basic " + basic);
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void wrongSecretIsInvalidClientWithoutEchoingIt() {
		String wrong = "wrong~" + UUID.randomUUID();
		HttpResponse<String> response = token(TENANT_ID, form(CLIENT_ID, wrong, SIGNALR_SCOPE), null);
		assertError(response, 401, "invalid_client", 7000215);
		assertThat(response.body()).contains(CLIENT_ID).doesNotContain(wrong).doesNotContain(SECRET);
	}

	@Test
	void missingSecretIsInvalidClient() {
		HttpResponse<String> response = token(TENANT_ID,
				"grant_type=client_credentials&client_id=" + CLIENT_ID + "&scope=" + encode(SIGNALR_SCOPE), null);
		assertError(response, 401, "invalid_client", 7000218);
	}

	@Test
	void unknownClientIsUnauthorizedClient() {
		String unknown = UUID.randomUUID().toString();
		HttpResponse<String> response = token(TENANT_ID, form(unknown, SECRET, SIGNALR_SCOPE), null);
		assertError(response, 400, "unauthorized_client", 700016);
		assertThat(response.body()).contains(unknown).doesNotContain(SECRET);
	}

	@Test
	void unknownTenantIsRefused() {
		String unknown = UUID.randomUUID().toString();
		HttpResponse<String> response = token(unknown, form(CLIENT_ID, SECRET, SIGNALR_SCOPE), null);
		assertError(response, 400, "invalid_request", 90002);
		assertThat(response.body()).contains(unknown).doesNotContain(SECRET);
	}

	@Test
	void scopeWithoutDefaultSuffixIsInvalidScope() {
		assertError(token(TENANT_ID, form(CLIENT_ID, SECRET, "https://signalr.azure.com/user_impersonation"), null),
				400, "invalid_scope", 1002012);
		assertError(token(TENANT_ID, form(CLIENT_ID, SECRET, SIGNALR_SCOPE + " https://vault.azure.net/.default"),
				null), 400, "invalid_scope", 1002012);
		assertError(token(TENANT_ID, form(CLIENT_ID, SECRET, "openid"), null), 400, "invalid_scope", 1002012);
	}

	@Test
	void otherGrantsAndMissingParametersAreRefused() {
		assertError(token(TENANT_ID, "grant_type=password&client_id=" + CLIENT_ID, null), 400,
				"unsupported_grant_type", 70003);
		assertError(token(TENANT_ID, "client_id=" + CLIENT_ID, null), 400, "invalid_request", 900144);
		assertError(token(TENANT_ID, "grant_type=client_credentials&client_secret=" + encode(SECRET), null), 400,
				"invalid_request", 900144);
		assertError(token(TENANT_ID, "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret="
				+ encode(SECRET), null), 400, "invalid_request", 900144);
	}

	@Test
	void tokenEndpointIsAPost() {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(entra.authorityHost() + TENANT_ID + "/oauth2/v2.0/token")).GET());
		assertThat(response.statusCode()).isEqualTo(405);
	}

	@Test
	void newSecretReplacesTheOld() {
		String client = UUID.randomUUID().toString();
		entra.registerApplication(TENANT_ID, client, "first-secret");
		assertThat(token(TENANT_ID, form(client, "first-secret", SIGNALR_SCOPE), null).statusCode()).isEqualTo(200);
		entra.registerApplication(TENANT_ID, client, "second-secret");
		assertError(token(TENANT_ID, form(client, "first-secret", SIGNALR_SCOPE), null), 401, "invalid_client",
				7000215);
		assertThat(token(TENANT_ID, form(client, "second-secret", SIGNALR_SCOPE), null).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenLifetimeIsConfigurable() {
		entra.tokenLifetime(Duration.ofMinutes(5));
		try {
			HttpResponse<String> response = token(TENANT_ID, form(CLIENT_ID, SECRET, SIGNALR_SCOPE), null);
			assertThat(json.readTree(response.body()).get("expires_in").asLong()).isEqualTo(300);
		}
		finally {
			entra.tokenLifetime(Duration.ofHours(1));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> entra.tokenLifetime(Duration.ZERO));
	}

	@Test
	void openIdConfigurationAndSigningKeyVerifyTheTokens() throws Exception {
		HttpResponse<String> metadata = send(HttpRequest
			.newBuilder(URI.create(entra.authorityHost() + TENANT_ID + "/v2.0/.well-known/openid-configuration")));
		assertThat(metadata.statusCode()).isEqualTo(200);
		JsonNode configuration = json.readTree(metadata.body());
		assertThat(configuration.get("issuer").asString()).isEqualTo(entra.authorityHost() + TENANT_ID + "/v2.0");
		assertThat(configuration.get("token_endpoint").asString())
			.isEqualTo(entra.authorityHost() + TENANT_ID + "/oauth2/v2.0/token");
		HttpResponse<String> keys = send(
				HttpRequest.newBuilder(URI.create(configuration.get("jwks_uri").asString())));
		JWKSet jwks = JWKSet.parse(keys.body());
		assertThat(jwks.getKeys()).hasSize(1).allSatisfy((key) -> assertThat(key.isPrivate()).isFalse());
		SignedJWT token = SignedJWT.parse(entra.issueToken(TENANT_ID, CLIENT_ID));
		RSAKey key = (RSAKey) jwks.getKeyByKeyId(token.getHeader().getKeyID());
		assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
		assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(configuration.get("issuer").asString());
	}

	@Test
	void metadataOfUnknownTenantIsRefused() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(
				URI.create(entra.authorityHost().toString() + UUID.randomUUID() + "/v2.0/.well-known/openid-configuration")));
		assertError(response, 400, "invalid_request", 90002);
	}

	@Test
	void issueTokenNeedsARegisteredApplication() {
		assertThatIllegalArgumentException().isThrownBy(() -> entra.issueToken(TENANT_ID, "nobody"))
			.withMessageContaining("nobody");
		assertThat(entra.verify("not.a.token")).isFalse();
		assertThat(entra.verify(entra.issueToken(TENANT_ID.toUpperCase(), CLIENT_ID))).isTrue();
		assertThat(entra.toString()).doesNotContain(SECRET);
	}

	private static void assertError(HttpResponse<String> response, int status, String error, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("error").asString()).isEqualTo(error);
		assertThat(body.get("error_description").asString()).startsWith("AADSTS" + code + ":");
		assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(code);
		assertThat(body.get("trace_id").asString()).isNotBlank();
		assertThat(body.get("correlation_id").asString()).isNotBlank();
	}

	private static String form(String clientId, String clientSecret, String scope) {
		return "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
				+ "&scope=" + encode(scope);
	}

	private static HttpResponse<String> token(String tenantId, String form, String authorization) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(entra.authorityHost() + tenantId + "/oauth2/v2.0/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
