package io.github.springsignalr.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.springsignalr.emulator.entra.EntraEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link SignalREmulator} trusting an {@link EntraEmulator}, over real sockets: temporary access keys from
 * {@code GET /api/v1/auth/accessKey} for valid Entra tokens only, client and REST tokens signed with them, REST calls
 * with the Entra token itself, role assignments, and the access keys working beside all that.
 */
class EntraAuthenticationTests {

	private static final String TENANT_ID = UUID.randomUUID().toString();

	private static final String CLIENT_ID = UUID.randomUUID().toString();

	private static final String REST_ONLY_CLIENT_ID = UUID.randomUUID().toString();

	private static final String READER_CLIENT_ID = UUID.randomUUID().toString();

	private static final String NO_ROLE_CLIENT_ID = UUID.randomUUID().toString();

	private static final String SECRET = "entra-tests-secret~" + UUID.randomUUID();

	private static final String SEND = "/api/hubs/chat/:send?api-version=2022-06-01";

	private static final String MESSAGE = "{\"target\":\"newMessage\",\"arguments\":[\"hello\"]}";

	private static EntraEmulator entra;

	private static SignalREmulator emulator;

	private static EntraClient app;

	@BeforeAll
	static void start() {
		entra = EntraEmulator.start(0)
			.registerApplication(TENANT_ID, CLIENT_ID, SECRET)
			.registerApplication(TENANT_ID, REST_ONLY_CLIENT_ID, SECRET)
			.registerApplication(TENANT_ID, READER_CLIENT_ID, SECRET)
			.registerApplication(TENANT_ID, NO_ROLE_CLIENT_ID, SECRET);
		emulator = SignalREmulator.builder()
			.port(0)
			.entra(entra)
			.entraRoles(CLIENT_ID, SignalRRole.SERVICE_OWNER)
			.entraRoles(REST_ONLY_CLIENT_ID, SignalRRole.REST_API_OWNER)
			.entraRoles(READER_CLIENT_ID, SignalRRole.REST_API_READER)
			.build()
			.start();
		app = new EntraClient(entra, TENANT_ID, CLIENT_ID, SECRET);
	}

	@AfterAll
	static void stop() {
		emulator.close();
		entra.close();
	}

	@Test
	void validEntraTokenGetsTemporaryKey() {
		int before = emulator.temporaryKeysIssued();
		HttpResponse<String> response = EntraClient.accessKeyResponse(emulator, app.signalRToken());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode key = EntraClient.accessKey(emulator, app.signalRToken());
		assertThat(key.get("KeyId").asString()).isNotBlank();
		assertThat(key.get("AccessKey").asString()).matches("[A-Za-z0-9+/]{43}=");
		assertThat(emulator.temporaryKeysIssued()).isEqualTo(before + 2);
	}

	@Test
	void apiVersionQueryIsAccepted() {
		HttpResponse<String> response = RestCalls.send(HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + "/api/v1/auth/accessKey?api-version=2022-06-01"))
			.header("Authorization", "Bearer " + app.signalRToken())
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void identityWithoutAnyRoleIsRefusedUntilOneIsAssigned() {
		// Azure RBAC grants nothing by default: no role assignment, no data-plane access.
		EntraClient unassigned = new EntraClient(entra, TENANT_ID, NO_ROLE_CLIENT_ID, SECRET);
		String token = unassigned.signalRToken();
		assertThat(EntraClient.accessKeyResponse(emulator, token).statusCode()).isEqualTo(403);
		assertThat(rest(SEND, MESSAGE, token).statusCode()).isEqualTo(403);
		emulator.assignEntraRoles(NO_ROLE_CLIENT_ID, SignalRRole.SERVICE_OWNER);
		try {
			assertThat(EntraClient.accessKeyResponse(emulator, token).statusCode()).isEqualTo(200);
			assertThat(rest(SEND, MESSAGE, token).statusCode()).isEqualTo(202);
		}
		finally {
			emulator.assignEntraRoles(NO_ROLE_CLIENT_ID);
		}
	}

	@Test
	void entraTokenInTheQueryIsRefused() {
		HttpResponse<String> response = RestCalls.send(HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + "/api/v1/auth/accessKey?access_token=" + app.signalRToken()))
			.build());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void eachCallGetsANewKey() {
		String token = app.signalRToken();
		JsonNode first = EntraClient.accessKey(emulator, token);
		JsonNode second = EntraClient.accessKey(emulator, token);
		assertThat(second.get("KeyId").asString()).isNotEqualTo(first.get("KeyId").asString());
		assertThat(second.get("AccessKey").asString()).isNotEqualTo(first.get("AccessKey").asString());
	}

	@Test
	void noTokenIsRefused() {
		HttpResponse<String> response = EntraClient.accessKeyResponse(emulator, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Bearer"));
	}

	@Test
	void tokenForAnotherAudienceIsRefused() {
		String vaultToken = app.token("https://vault.azure.net/.default");
		assertThat(entra.verify(vaultToken)).isTrue();
		HttpResponse<String> response = EntraClient.accessKeyResponse(emulator, vaultToken);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("audience").contains("https://signalr.azure.com/.default");
		assertThat(rest(SEND, MESSAGE, vaultToken).statusCode()).isEqualTo(401);
	}

	@Test
	void tokenSignedWithAnotherKeyIsRefused() throws Exception {
		SignedJWT genuine = SignedJWT.parse(app.signalRToken());
		RSAKey otherKey = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(otherKey.getKeyID()).build(),
				genuine.getJWTClaimsSet());
		forged.sign(new RSASSASigner(otherKey));
		HttpResponse<String> response = EntraClient.accessKeyResponse(emulator, forged.serialize());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("signature");
		assertThat(rest(SEND, MESSAGE, forged.serialize()).statusCode()).isEqualTo(401);
	}

	@Test
	void tokenOfAnotherEntraIdIsRefused() {
		try (EntraEmulator other = EntraEmulator.start(0).registerApplication(TENANT_ID, CLIENT_ID, SECRET)) {
			String foreign = other.issueToken(TENANT_ID, CLIENT_ID);
			assertThat(other.verify(foreign)).isTrue();
			assertThat(entra.verify(foreign)).isFalse();
			assertThat(EntraClient.accessKeyResponse(emulator, foreign).statusCode()).isEqualTo(401);
		}
	}

	@Test
	void tokenSignedWithAccessKeyIsNotAnEntraToken() {
		String token = Tokens.rest(emulator.accessKey(KeyType.PRIMARY), "http://localhost/api/v1/auth/accessKey");
		assertThat(EntraClient.accessKeyResponse(emulator, token).statusCode()).isEqualTo(401);
	}

	@Test
	void expiredEntraTokenIsRefused() {
		String shortLived;
		entra.tokenLifetime(Duration.ofSeconds(1));
		try {
			shortLived = app.signalRToken();
		}
		finally {
			entra.tokenLifetime(Duration.ofHours(1));
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> EntraClient.accessKeyResponse(emulator, shortLived).statusCode() == 401);
		HttpResponse<String> response = EntraClient.accessKeyResponse(emulator, shortLived);
		assertThat(response.body()).contains("expired");
		assertThat(entra.verify(shortLived)).isFalse();
		assertThat(rest(SEND, MESSAGE, shortLived).statusCode()).isEqualTo(401);
	}

	@Test
	void identityWithoutAppServerRoleIsForbidden() {
		EntraClient restOnly = new EntraClient(entra, TENANT_ID, REST_ONLY_CLIENT_ID, SECRET);
		HttpResponse<String> response = EntraClient.accessKeyResponse(emulator, restOnly.signalRToken());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("role assignments");
		assertThat(rest(SEND, MESSAGE, restOnly.signalRToken()).statusCode()).isEqualTo(202);
	}

	@Test
	void readerMayOnlyCheck() {
		String reader = new EntraClient(entra, TENANT_ID, READER_CLIENT_ID, SECRET).signalRToken();
		assertThat(rest(SEND, MESSAGE, reader).statusCode()).isEqualTo(403);
		HttpResponse<String> check = RestCalls.send(HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + "/api/hubs/chat/users/nobody?api-version=2022-06-01"))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + reader)
			.build());
		assertThat(check.statusCode()).isEqualTo(404);
		HttpResponse<String> getCheck = RestCalls.send(HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + "/api/hubs/chat/groups/nobody?api-version=2022-06-01"))
			.GET()
			.header("Authorization", "Bearer " + reader)
			.build());
		assertThat(getCheck.statusCode()).isEqualTo(404);
		assertThat(EntraClient.accessKeyResponse(emulator, reader).statusCode()).isEqualTo(403);
	}

	@Test
	void entraTokenIsNotAClientToken() {
		assertThat(negotiate("chat", app.signalRToken()).statusCode()).isEqualTo(401);
	}

	@Test
	void javaClientConnectsWithTokenSignedByTemporaryKeyAndReceivesRestSendWithEntraToken()
			throws InterruptedException {
		JsonNode key = EntraClient.accessKey(emulator, app.signalRToken());
		String clientToken = Tokens.clientWithKeyId(key.get("AccessKey").asString(), key.get("KeyId").asString(),
				emulator.clientAudience("chat"), "alice");
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		HubConnection connection = HubConnectionBuilder.create(emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.defer(() -> Single.just(clientToken)))
			.build();
		connection.on("newMessage", received::add, String.class);
		try {
			connection.start().blockingAwait(10, TimeUnit.SECONDS);
			assertThat(connection.getConnectionState()).isEqualTo(HubConnectionState.CONNECTED);
			await().until(() -> emulator.connectionIds("chat").contains(connection.getConnectionId()));
			assertThat(rest(SEND, MESSAGE, app.signalRToken()).statusCode()).isEqualTo(202);
			assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
			String restToken = Tokens.sign(key.get("AccessKey").asString(), key.get("KeyId").asString(),
					new JWTClaimsSet.Builder().audience("http://localhost" + SEND)
						.expirationTime(Date.from(Instant.now().plusSeconds(600)))
						.build());
			assertThat(rest("/api/hubs/chat/users/alice/:send?api-version=2022-06-01", MESSAGE, restToken)
				.statusCode()).isEqualTo(401);
			assertThat(rest(SEND, MESSAGE, restToken).statusCode()).isEqualTo(202);
			assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
		}
		finally {
			connection.stop().blockingAwait(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void tokenNamingTemporaryKeyButSignedWithAnotherIsRefused() {
		JsonNode key = EntraClient.accessKey(emulator, app.signalRToken());
		String token = Tokens.clientWithKeyId(emulator.accessKey(KeyType.PRIMARY), key.get("KeyId").asString(),
				emulator.clientAudience("chat"), "mallory");
		HttpResponse<String> response = negotiate("chat", token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("temporary key");
	}

	@Test
	void accessKeysKeepWorking() {
		String token = Tokens.client(emulator.accessKey(KeyType.SECONDARY), emulator.clientAudience("chat"), "bob");
		assertThat(negotiate("chat", token).statusCode()).isEqualTo(200);
		assertThat(new RestCalls(emulator).call("POST", SEND, MESSAGE).statusCode()).isEqualTo(202);
	}

	@Test
	void temporaryKeyExpires() {
		try (SignalREmulator shortKeys = SignalREmulator.builder()
			.port(0)
			.entra(entra)
			.entraRoles(CLIENT_ID, SignalRRole.SERVICE_OWNER)
			.temporaryKeyLifetime(Duration.ofSeconds(2))
			.build()
			.start()) {
			JsonNode key = EntraClient.accessKey(shortKeys, app.signalRToken());
			String clientToken = Tokens.clientWithKeyId(key.get("AccessKey").asString(),
					key.get("KeyId").asString(), shortKeys.clientAudience("chat"), "carol");
			assertThat(negotiate(shortKeys, "chat", clientToken).statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> negotiate(shortKeys, "chat", clientToken).statusCode() == 401);
			assertThat(negotiate(shortKeys, "chat", clientToken).body()).contains("expired");
			JsonNode fresh = EntraClient.accessKey(shortKeys, app.signalRToken());
			assertThat(negotiate(shortKeys, "chat", Tokens.clientWithKeyId(fresh.get("AccessKey").asString(),
					fresh.get("KeyId").asString(), shortKeys.clientAudience("chat"), "carol"))
				.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void emulatorWithoutEntraRefusesEntraTokens() {
		try (SignalREmulator plain = SignalREmulator.builder().port(0).build().start()) {
			HttpResponse<String> response = EntraClient.accessKeyResponse(plain, app.signalRToken());
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).contains("entra(");
			assertThat(new RestCalls(plain).call("POST", SEND, MESSAGE, app.signalRToken()).statusCode())
				.isEqualTo(401);
		}
	}

	@Test
	void entraConnectionString() {
		assertThat(emulator.entraConnectionString(TENANT_ID, CLIENT_ID, SECRET))
			.isEqualTo("Endpoint=http://localhost;Port=" + emulator.port() + ";AuthType=azure.app;ClientId="
					+ CLIENT_ID + ";TenantId=" + TENANT_ID + ";ClientSecret=" + SECRET + ";Version=1.0;");
		assertThat(emulator.toString()).doesNotContain(SECRET);
	}

	private static HttpResponse<String> rest(String pathAndQuery, String body, String token) {
		return new RestCalls(emulator).call("POST", pathAndQuery, body, token);
	}

	private static HttpResponse<String> negotiate(String hub, String token) {
		return negotiate(emulator, hub, token);
	}

	private static HttpResponse<String> negotiate(SignalREmulator target, String hub, String token) {
		return RestCalls.send(HttpRequest
			.newBuilder(URI.create(target.endpoint() + "/client/negotiate?hub=" + hub + "&negotiateVersion=1"))
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

}
