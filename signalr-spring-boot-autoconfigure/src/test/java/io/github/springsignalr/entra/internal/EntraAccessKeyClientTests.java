package io.github.springsignalr.entra.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.github.springsignalr.emulator.SignalRRole;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.token.RestCall;
import io.github.springsignalr.token.SignalRTokenService;
import io.github.springsignalr.emulator.junit.SignalREmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EntraAccessKeyClient} and {@link EntraTokens} against the emulators: the temporary key signs tokens
 * the service accepts, the Entra token is a REST bearer, and every failure says why without a secret.
 */
class EntraAccessKeyClientTests {

	@RegisterExtension
	static final SignalREmulatorExtension signalr = SignalREmulatorExtension.builder().entra(true).build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void temporaryKeySignsRestTokensTheServiceAccepts() throws Exception {
		try (EntraTestSetup setup = new EntraTestSetup(signalr)) {
			ServiceEndpoint endpoint = setup.endpoint();
			AccessKey key = setup.accessKeyClient().fetch(endpoint);
			assertThat(setup.temporaryKeysIssued()).isOne();
			assertThat(key.id()).isNotBlank().isNotEqualTo(AccessKey.fingerprint("")).doesNotContain(key.value());
			RestCall call = new SignalRTokenService().restCall(endpoint.withAccessKey(key), "/api/hubs/chat/:send",
					"api-version=2022-06-01");
			assertThat(send(call)).isEqualTo(202);
			// The same call with a key the service did not give is refused: the key, not any token, is what counts.
			RestCall forged = new SignalRTokenService().restCall(
					endpoint.withAccessKey(new AccessKey(key.id(), key.value() + "x")), "/api/hubs/chat/:send",
					"api-version=2022-06-01");
			assertThat(send(forged)).isEqualTo(401);
		}
	}

	@Test
	void entraTokenIsARestBearer() throws Exception {
		try (EntraTestSetup setup = new EntraTestSetup(signalr)) {
			ServiceEndpoint endpoint = setup.endpoint();
			String bearer = new EntraRestBearerTokenProvider(setup.tokens).bearerToken(endpoint);
			RestCall call = new SignalRTokenService().restCall(endpoint, "/api/hubs/chat/:send",
					"api-version=2022-06-01", bearer);
			assertThat(send(call)).isEqualTo(202);
			// Cached: a second call asks Microsoft Entra ID nothing.
			assertThat(setup.tokens.token(endpoint)).isEqualTo(bearer);
			assertThat(setup.tokensIssued()).isOne();
		}
	}

	@Test
	void accessKeyEndpointHasNoEntraBearer() {
		ServiceEndpoint endpoint = ServiceEndpoint
			.of("Endpoint=https://demo.service.signalr.net;AccessKey=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=;");
		assertThat(new EntraRestBearerTokenProvider(null).bearerToken(endpoint)).isNull();
	}

	@Test
	void identityWithoutAppServerRoleIsToldWhichRoleItNeeds() {
		try (EntraTestSetup setup = new EntraTestSetup(signalr,
				(service, ids) -> service.assignEntraRoles(ids.clientId, SignalRRole.REST_API_OWNER))) {
			assertThatExceptionOfType(EntraAuthenticationException.class)
				.isThrownBy(() -> setup.accessKeyClient().fetch(setup.endpoint()))
				.withMessageContaining("answered 403")
				.withMessageContaining("SignalR App Server")
				.withMessageContaining("ClientId=" + setup.clientId)
				.withMessageNotContaining(setup.clientSecret);
		}
	}

	@Test
	void wrongSecretFailsWithoutShowingIt() {
		try (EntraTestSetup setup = new EntraTestSetup(signalr)) {
			String wrong = TrustedEntra.newClientSecret();
			assertThatExceptionOfType(EntraAuthenticationException.class)
				.isThrownBy(() -> setup.accessKeyClient().fetch(setup.endpointWithSecret(wrong)))
				.withMessageStartingWith("Could not get a Microsoft Entra token for Azure SignalR endpoint")
				.withMessageContaining("AuthType=azure.app, ClientId=" + setup.clientId + ", TenantId=" + setup.tenantId)
				.withMessageNotContaining(wrong)
				.withMessageNotContaining(setup.clientSecret)
				.withNoCause();
			assertThat(setup.temporaryKeysIssued()).isZero();
		}
	}

	@Test
	void serviceDownIsNoAnswer() {
		try (EntraTestSetup setup = new EntraTestSetup(signalr)) {
			ServiceEndpoint endpoint = setup.endpoint();
			setup.service.close();
			assertThatExceptionOfType(EntraAuthenticationException.class)
				.isThrownBy(() -> setup.accessKeyClient().fetch(endpoint))
				.withMessageContaining("Could not get a temporary access key for Azure SignalR endpoint")
				.withMessageContaining("GET " + EntraAccessKeyClient.uri(endpoint) + ": no answer")
				.withMessageNotContaining(setup.clientSecret);
		}
	}

	@Test
	void uriIsOnTheServerEndpoint() {
		ServiceEndpoint endpoint = ServiceEndpoint.of("Endpoint=https://demo.service.signalr.net;AuthType=azure.msi;"
				+ "ServerEndpoint=https://internal.example.org/base/;");
		assertThat(EntraAccessKeyClient.uri(endpoint))
			.hasToString("https://internal.example.org/base/api/v1/auth/accessKey");
	}

	@Test
	void requestIsTheDotNetSdksGetWithOnlyTheBearer() throws Exception {
		List<String> seen = new CopyOnWriteArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", (exchange) -> {
			seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " query="
					+ exchange.getRequestURI().getRawQuery() + " body=" + exchange.getRequestBody().readAllBytes().length
					+ " bearer=" + exchange.getRequestHeaders().getFirst("Authorization").startsWith("Bearer ey")
					+ " accept=" + exchange.getRequestHeaders().getFirst("Accept"));
			byte[] answer = "{\"KeyId\":\"k1\",\"AccessKey\":\"dGVtcG9yYXJ5LWtleS1mb3ItcmVxdWVzdC1zaGFwZS0x\"}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
		try (EntraTestSetup setup = new EntraTestSetup(signalr)) {
			ServiceEndpoint endpoint = ServiceEndpoint.of(setup.service.entraConnectionString(setup.tenantId,
					setup.clientId, setup.clientSecret) + "ServerEndpoint=http://127.0.0.1:" + server.getAddress().getPort()
					+ ";");
			assertThat(setup.accessKeyClient().fetch(endpoint).id()).isEqualTo("k1");
			assertThat(seen).containsExactly("GET /api/v1/auth/accessKey query=null body=0 bearer=true accept=null");
		}
		finally {
			server.stop(0);
		}
	}

	private static int send(RestCall call) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(call.uri())
			.header("Authorization", call.authorization())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"target\":\"t\",\"arguments\":[]}"))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
