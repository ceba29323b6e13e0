package io.github.springsignalr.emulator.keyvault;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KeyVaultEmulator} at the HTTP level, with the JDK's client trusting the vault's certificate: the challenge,
 * paging, the JSON shapes and errors.
 */
class KeyVaultEmulatorHttpTests {

	private static final String API_VERSION = "api-version=7.4";

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static KeyVaultEmulator vault;

	private static HttpClient http;

	@BeforeAll
	static void startVault() throws Exception {
		vault = KeyVaultEmulator.start(0);
		http = HttpClient.newBuilder().sslContext(vault.sslContext()).build();
	}

	@AfterAll
	static void stopVault() {
		vault.close();
	}

	@Test
	void requestWithoutBearerTokenGetsTheChallenge() throws Exception {
		vault.secrets().set("challenge", "value");
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("secrets/challenge?" + API_VERSION)).GET());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
				"Bearer authorization=\"https://login.microsoftonline.com/" + KeyVaultEmulator.TENANT_ID
						+ "\", resource=\"https://vault.azure.net\"");
		assertThat(json(response).at("/error/code").stringValue()).isEqualTo("Unauthorized");
		assertThat(response.body()).doesNotContain("value\"");
	}

	@Test
	void putWithoutBearerTokenIsChallengedAndNothingIsSet() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("secrets/unauthenticated?" + API_VERSION))
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString("{\"value\":\"x\"}")));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer ");
		assertThat(vault.secrets().get("unauthenticated")).isEmpty();
	}

	@Test
	void nonBearerAuthorizationIsChallenged() throws Exception {
		HttpResponse<String> response = send(authorized(uri("secrets?" + API_VERSION)).GET()
			.setHeader("Authorization", "Basic dXNlcjpwYXNz"));
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void setAnswersTheBundleWithIdValueAndAttributes() throws Exception {
		HttpResponse<String> response = send(authorized(uri("secrets/shape?" + API_VERSION))
			.PUT(BodyPublishers.ofString("{\"value\":\"v\",\"contentType\":\"text/plain\","
					+ "\"attributes\":{\"enabled\":true,\"nbf\":1700000000,\"exp\":1900000000},\"tags\":{\"a\":\"b\"}}")));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
		JsonNode bundle = json(response);
		String version = vault.secrets().get("shape").orElseThrow().version();
		assertThat(bundle.get("id").stringValue()).isEqualTo(vault.vaultUri() + "secrets/shape/" + version);
		assertThat(bundle.get("value").stringValue()).isEqualTo("v");
		assertThat(bundle.get("contentType").stringValue()).isEqualTo("text/plain");
		assertThat(bundle.at("/tags/a").stringValue()).isEqualTo("b");
		assertThat(bundle.at("/attributes/enabled").booleanValue()).isTrue();
		assertThat(bundle.at("/attributes/nbf").longValue()).isEqualTo(1700000000L);
		assertThat(bundle.at("/attributes/exp").longValue()).isEqualTo(1900000000L);
		assertThat(bundle.at("/attributes/created").isIntegralNumber()).isTrue();
		assertThat(bundle.at("/attributes/updated").isIntegralNumber()).isTrue();
		assertThat(bundle.at("/attributes/recoveryLevel").stringValue()).isEqualTo("Recoverable+Purgeable");
	}

	@Test
	void latestIsServedWithAndWithoutTrailingSlash() throws Exception {
		vault.secrets().set("slash", "one");
		vault.secrets().set("slash", "two");
		assertThat(json(send(authorized(uri("secrets/slash?" + API_VERSION)).GET())).get("value").stringValue())
			.isEqualTo("two");
		assertThat(json(send(authorized(uri("secrets/slash/?" + API_VERSION)).GET())).get("value").stringValue())
			.isEqualTo("two");
	}

	@Test
	void versionsArePagedWithANextLinkAndWithoutValues() throws Exception {
		for (int i = 0; i < 3; i++) {
			vault.secrets().set("paged", "value-" + i);
		}
		JsonNode first = json(send(authorized(uri("secrets/paged/versions?maxresults=2&" + API_VERSION)).GET()));
		assertThat(first.get("value")).hasSize(2);
		assertThat(first.get("value").get(0).has("value")).isFalse();
		String nextLink = first.get("nextLink").stringValue();
		assertThat(nextLink).startsWith(vault.vaultUri() + "secrets/paged/versions?").contains(API_VERSION);
		JsonNode second = json(send(authorized(URI.create(nextLink)).GET()));
		assertThat(second.get("value")).hasSize(1);
		assertThat(second.get("nextLink").isNull()).isTrue();
		List<String> ids = List.of(first.get("value").get(0).get("id").stringValue(),
				first.get("value").get(1).get("id").stringValue(), second.get("value").get(0).get("id").stringValue());
		// Key Vault promises no order: the emulator lists by version id, as the real vault was seen to, never in the
		// order the versions were set, so that a client relying on that order fails here.
		assertThat(ids).containsExactlyElementsOf(vault.secrets()
			.versions("paged")
			.stream()
			.map(SecretVersion::version)
			.sorted()
			.map((version) -> vault.vaultUri() + "secrets/paged/" + version)
			.toList());
	}

	@Test
	void versionsAreListedByVersionIdNotInTheOrderTheyWereSet() throws Exception {
		List<String> set = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			set.add(vault.secrets().set("unordered", "value-" + i).version());
		}
		JsonNode page = json(send(authorized(uri("secrets/unordered/versions?" + API_VERSION)).GET()));
		List<String> listed = new ArrayList<>();
		page.get("value").forEach((version) -> listed.add(version.get("id").stringValue()
			.substring((vault.vaultUri() + "secrets/unordered/").length())));
		assertThat(listed).containsExactlyElementsOf(set.stream().sorted().toList());
		// Twelve random ids in the order they were set are sorted once in 12! tries.
		assertThat(listed).isNotEqualTo(set);
	}

	@Test
	void aDeniedPermissionIsForbiddenNamingIt() throws Exception {
		vault.secrets().set("guarded", "value");
		vault.deny("list");
		try {
			HttpResponse<String> listing = send(authorized(uri("secrets/guarded/versions?" + API_VERSION)).GET());
			assertThat(listing.statusCode()).isEqualTo(403);
			assertThat(json(listing).at("/error/code").stringValue()).isEqualTo("Forbidden");
			assertThat(json(listing).at("/error/innererror/code").stringValue()).isEqualTo("AccessDenied");
			assertThat(json(listing).at("/error/message").stringValue()).contains("does not have secrets list permission");
			// Get is another permission, still granted.
			assertThat(send(authorized(uri("secrets/guarded?" + API_VERSION)).GET()).statusCode()).isEqualTo(200);
		}
		finally {
			vault.allowAll();
		}
		assertThat(send(authorized(uri("secrets/guarded/versions?" + API_VERSION)).GET()).statusCode()).isEqualTo(200);
	}

	@Test
	void updateOfAnUnknownVersionIsNotFound() throws Exception {
		vault.secrets().set("patched", "value");
		HttpResponse<String> response = send(authorized(uri("secrets/patched/0123456789abcdef0123456789abcdef?"
				+ API_VERSION)).method("PATCH", BodyPublishers.ofString("{\"attributes\":{\"enabled\":false}}")));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json(response).at("/error/code").stringValue()).isEqualTo("SecretNotFound");
	}

	@Test
	void updateAnswersPropertiesWithoutTheValue() throws Exception {
		SecretVersion set = vault.secrets().set("patched-shape", "secret-value");
		HttpResponse<String> response = send(authorized(uri("secrets/patched-shape/" + set.version() + "?" + API_VERSION))
			.method("PATCH", BodyPublishers.ofString("{\"attributes\":{\"exp\":1900000000}}")));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).has("value")).isFalse();
		assertThat(json(response).at("/attributes/exp").longValue()).isEqualTo(1900000000L);
		assertThat(vault.secrets().get("patched-shape").orElseThrow().enabled()).isTrue();
	}

	@Test
	void invalidBodyIsABadParameterAndIsNotEchoed() throws Exception {
		HttpResponse<String> response = send(authorized(uri("secrets/bad-body?" + API_VERSION))
			.PUT(BodyPublishers.ofString("{\"value\": not-json-secret-material")));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).at("/error/code").stringValue()).isEqualTo("BadParameter");
		assertThat(response.body()).doesNotContain("secret-material");
	}

	@Test
	void invalidNameIsABadParameter() throws Exception {
		HttpResponse<String> response = send(authorized(uri("secrets/under_score?" + API_VERSION))
			.PUT(BodyPublishers.ofString("{\"value\":\"v\"}")));
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void missingApiVersionIsABadParameter() throws Exception {
		HttpResponse<String> response = send(authorized(uri("secrets")).GET());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).at("/error/code").stringValue()).isEqualTo("BadParameter");
	}

	@Test
	void certificateIsTrustedForLocalhostAnd127001() throws Exception {
		URI byAddress = URI.create("https://127.0.0.1:" + vault.port() + "/secrets?" + API_VERSION);
		assertThat(send(authorized(byAddress).GET()).statusCode()).isEqualTo(200);
	}

	@Test
	void sslContextTrustsTheVault() throws Exception {
		HttpClient client = HttpClient.newBuilder().sslContext(vault.sslContext()).build();
		HttpResponse<String> response = client.send(authorized(uri("secrets?" + API_VERSION)).GET().build(),
				BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void certificateIsWrittenInPem(@TempDir Path directory) throws Exception {
		Path pem = vault.writeCertificatePem(directory.resolve("vault.pem"));
		X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
		assertThat(read).isEqualTo(vault.certificate());
		assertThat(read.getSubjectAlternativeNames()).extracting((name) -> (Object) name.get(1))
			.containsExactlyInAnyOrder("localhost", "127.0.0.1");
	}

	private static URI uri(String path) {
		return vault.vaultUri().resolve(path);
	}

	private static HttpRequest.Builder authorized(URI uri) {
		return HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer any-token")
			.header("Content-Type", "application/json");
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) {
		return mapper.readTree(response.body());
	}

}
