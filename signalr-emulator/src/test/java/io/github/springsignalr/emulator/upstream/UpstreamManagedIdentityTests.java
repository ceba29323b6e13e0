package io.github.springsignalr.emulator.upstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;
import io.github.springsignalr.emulator.entra.EntraEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Upstream requests authenticated with a managed identity, as the service's upstream settings
 * {@code "auth": {"type": "ManagedIdentity"}} make them: each carries {@code Authorization: Bearer} with a Microsoft
 * Entra token for the configured resource, which an upstream verifies as Learn says to, with the tenant's OpenID
 * metadata (read here over HTTPS, trusting the emulator's certificate) and its signing keys. The token is v2.0 or
 * v1.0 as the resource's registration decides, each with the issuer of its own metadata document.
 */
class UpstreamManagedIdentityTests {

	private static final JsonMapper json = JsonMapper.shared();

	private static final String TENANT_ID = UUID.randomUUID().toString();

	private static final String RESOURCE = "api://" + UUID.randomUUID();

	private static final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();

	private static EntraEmulator entra;

	private static HttpServer upstream;

	private static SignalREmulator emulator;

	private static HttpClient https;

	@BeforeAll
	static void start() throws IOException {
		entra = EntraEmulator.start(0);
		https = HttpClient.newBuilder().sslContext(entra.sslContext()).build();
		upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		upstream.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			authorizations.add((authorization != null) ? authorization : "(none)");
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		upstream.start();
		emulator = SignalREmulator.builder()
			.port(0)
			.upstream("http://127.0.0.1:" + upstream.getAddress().getPort() + "/upstream/{hub}/{category}/{event}")
			.upstreamManagedIdentity(entra, TENANT_ID, RESOURCE)
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
		upstream.stop(0);
		entra.close();
	}

	@Test
	void everyUpstreamRequestCarriesATokenOfTheIdentityForTheResource() throws Exception {
		HubConnection connection = connect();
		String connected = next();
		connection.send("broadcast", "hello");
		String message = next();
		connection.stop().blockingAwait(5, TimeUnit.SECONDS);
		String disconnected = next();

		for (String authorization : new String[] { connected, message, disconnected }) {
			assertThat(authorization).startsWith("Bearer ");
			JWTClaimsSet claims = verified(authorization.substring("Bearer ".length()), "/v2.0");
			assertThat(claims.getAudience()).containsExactly(RESOURCE);
			assertThat(claims.getStringClaim("tid")).isEqualTo(TENANT_ID);
			assertThat(claims.getStringClaim("ver")).isEqualTo("2.0");
			assertThat(claims.getStringClaim("appid")).isEqualTo(emulator.upstreamIdentity().clientId());
			assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
		}
		assertThat(emulator.upstreamIdentity().toString()).doesNotContain(connected.substring(7));
	}

	@Test
	void aResourceAcceptingVersion1TokensGetsThemWithTheVersion1Issuer() throws Exception {
		String resource = "api://v1-" + UUID.randomUUID();
		entra.tokenVersion(resource, 1);
		String clientId = entra.registerManagedIdentity(TENANT_ID);
		JWTClaimsSet claims = verified(entra.issueToken(TENANT_ID, clientId, resource), "");
		assertThat(claims.getStringClaim("ver")).isEqualTo("1.0");
		assertThat(claims.getIssuer()).isEqualTo(entra.authorityHost() + TENANT_ID + "/");
		assertThat(claims.getClaim("azp")).isNull();
		assertThat(entra.verify(entra.issueToken(TENANT_ID, clientId, resource))).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> entra.tokenVersion(resource, 3));
	}

	@Test
	void aTokenIssuedInThePastExpiredThen() throws Exception {
		String clientId = emulator.upstreamIdentity().clientId();
		String token = entra.issueToken(TENANT_ID, clientId, RESOURCE, Instant.now().minus(Duration.ofHours(2)));
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant()).isBefore(Instant.now());
		assertThat(entra.verify(token)).isFalse();
	}

	@Test
	void aManagedIdentityNeedsAResource() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SignalREmulator.builder().upstreamManagedIdentity(entra, TENANT_ID, " ").build())
			.withMessageContaining("resource");
	}

	/**
	 * The claims of {@code token} once checked as an upstream would: the issuer and keys of the tenant's metadata
	 * ({@code metadataVersion} "/v2.0" or "" for v1.0).
	 */
	private static JWTClaimsSet verified(String token, String metadataVersion) throws Exception {
		JsonNode metadata = json.readTree(get(entra.authorityHost() + TENANT_ID + metadataVersion
				+ "/.well-known/openid-configuration"));
		JWKSet keys = JWKSet.parse(get(metadata.get("jwks_uri").asString()));
		SignedJWT jwt = SignedJWT.parse(token);
		RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).as("the token's key is published").isNotNull();
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(metadata.get("issuer").asString());
		return jwt.getJWTClaimsSet();
	}

	private static String get(String url) throws Exception {
		HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	private static HubConnection connect() {
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), "alice");
		HubConnection connection = HubConnectionBuilder.create(emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.defer(() -> Single.just(token)))
			.build();
		connection.start().blockingAwait(10, TimeUnit.SECONDS);
		return connection;
	}

	private static String next() throws InterruptedException {
		String authorization = authorizations.poll(5, TimeUnit.SECONDS);
		assertThat(authorization).as("an upstream request within 5 seconds").isNotNull();
		return authorization;
	}

}
