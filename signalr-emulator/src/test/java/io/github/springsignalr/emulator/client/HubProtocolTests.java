package io.github.springsignalr.emulator.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.RawHubClient;
import io.github.springsignalr.emulator.RestCalls;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;

import static io.github.springsignalr.emulator.RawHubClient.RS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Negotiate, the WebSocket transport and the JSON hub protocol, record by record, with a bare client.
 */
class HubProtocolTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static SignalREmulator emulator;

	private static RestCalls rest;

	@BeforeAll
	static void start() {
		emulator = SignalREmulator.builder().port(0).keepAliveInterval(Duration.ofMillis(300)).build().start();
		rest = new RestCalls(emulator);
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void negotiateVersionOneAnswersConnectionTokenAndWebSocketsOnly() {
		HttpResponse<String> response = negotiate("chat", "&negotiateVersion=1", token("chat", "u1"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
		JsonNode answer = json.readTree(response.body());
		assertThat(answer.get("negotiateVersion").asInt()).isEqualTo(1);
		assertThat(answer.get("connectionId").asString()).hasSize(22);
		assertThat(answer.get("connectionToken").asString()).hasSize(22)
			.isNotEqualTo(answer.get("connectionId").asString());
		assertThat(answer.get("availableTransports").toString())
			.isEqualTo("[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]}]");
		assertThat(answer.has("useStatefulReconnect")).isFalse();
		assertThat(answer.has("url")).isFalse();
	}

	@Test
	void negotiateWithoutVersionAnswersVersionZero() {
		JsonNode answer = json.readTree(negotiate("chat", "", token("chat", "u1")).body());
		assertThat(answer.get("negotiateVersion").asInt()).isZero();
		assertThat(answer.has("connectionToken")).isFalse();
	}

	@Test
	void negotiateTakesTheTokenFromTheQueryToo() {
		HttpResponse<String> response = RestCalls.send(HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + "/client/negotiate?hub=chat&negotiateVersion=1&access_token="
					+ token("chat", "u1")))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void negotiateRefusesMissingTokenAndInvalidHub() {
		assertThat(negotiate("chat", "&negotiateVersion=1", null).statusCode()).isEqualTo(401);
		assertThat(negotiate("1chat", "&negotiateVersion=1", token("1chat", "u1")).statusCode()).isEqualTo(400);
	}

	@Test
	void handshakeIsAnsweredWithEmptyObjectAndConnectionIsRegistered() throws Exception {
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token("chat", "hana"))) {
			assertThat(emulator.connectionIds("chat")).doesNotContain(client.connectionId());
			client.handshake();
			await().until(() -> emulator.connectionIds("chat").contains(client.connectionId()));
		}
	}

	@Test
	void messagePackHandshakeIsAcceptedInABinaryFrameAndPingsFollowInMessagePack() throws Exception {
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token("chat", "u2"))) {
			client.handshakeMessagePack();
			await().until(() -> emulator.connectionIds("chat").contains(client.connectionId()));
			// [6] after its length: a ping of the MessagePack protocol.
			assertThat(client.nextBinary()).containsExactly(0x02, 0x91, 0x06);
		}
	}

	@Test
	void handshakeForAnotherProtocolIsRefused() throws Exception {
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token("chat", "u1"))) {
			client.send("{\"protocol\":\"xml\",\"version\":1}" + RS);
			JsonNode answer = json.readTree(client.nextRecord());
			assertThat(answer.get("error").asString()).contains("xml");
			assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
			assertThat(emulator.connectionIds("chat")).doesNotContain(client.connectionId());
		}
	}

	@Test
	void handshakeOfVersionTwoIsAccepted() throws Exception {
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token("chat", "u1"))) {
			client.send("{\"protocol\":\"json\",\"version\":2}" + RS);
			assertThat(client.nextRecord()).isEqualTo("{}");
		}
	}

	@Test
	void pingsArriveAtTheKeepAliveInterval() throws Exception {
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token("chat", "u1")).handshake()) {
			assertThat(client.nextRecord()).isEqualTo("{\"type\":6}");
			client.send("{\"type\":6}" + RS);
			assertThat(client.nextRecord()).isEqualTo("{\"type\":6}");
		}
	}

	@Test
	void severalRecordsInOneFrameAreAllRead() throws Exception {
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token("chat", "u1"))) {
			client.send("{\"protocol\":\"json\",\"version\":1}" + RS + "{\"type\":6}" + RS + "{\"type\":7}" + RS);
			assertThat(client.nextRecord()).isEqualTo("{}");
			assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
			assertThat(client.closeStatus()).isEqualTo(1000);
			await().until(() -> !emulator.connectionIds("chat").contains(client.connectionId()));
		}
	}

	@Test
	void recordSplitAcrossFramesIsReassembled() throws Exception {
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token("chat", "u1"))) {
			client.send("{\"protocol\":\"js");
			client.send("on\",\"version\":1}" + RS);
			assertThat(client.nextRecord()).isEqualTo("{}");
		}
	}

	@Test
	void restCloseSendsCloseMessageThenNormalClosure() throws Exception {
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token("chat", "u1")).handshake()) {
			await().until(() -> emulator.connectionIds("chat").contains(client.connectionId()));
			assertThat(rest.call("DELETE", "/api/hubs/chat/connections/" + client.connectionId()
					+ "?reason=bye&api-version=2022-06-01", null)
				.statusCode()).isEqualTo(200);
			JsonNode close = client.nextMessage();
			assertThat(close.get("type").asInt()).isEqualTo(7);
			assertThat(close.get("error").asString()).isEqualTo("bye");
			assertThat(close.get("allowReconnect").asBoolean()).isFalse();
			assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
			assertThat(client.closeStatus()).isEqualTo(1000);
			await().until(() -> !emulator.connectionIds("chat").contains(client.connectionId()));
		}
	}

	@Test
	void invalidJsonClosesWithAnError() throws Exception {
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token("chat", "u1")).handshake()) {
			client.send("not json" + RS);
			JsonNode close = client.nextMessage();
			assertThat(close.get("type").asInt()).isEqualTo(7);
			assertThat(close.get("error").asString()).startsWith("Connection closed with an error.");
			assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
		}
	}

	@Test
	void invocationWithoutUpstreamIsDropped() throws Exception {
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token("chat", "u1")).handshake()) {
			client.send("{\"type\":1,\"target\":\"echo\",\"arguments\":[]}" + RS);
			assertThat(client.receivesMessageWithin(Duration.ofMillis(500))).isFalse();
		}
	}

	@Test
	void webSocketWithoutNegotiateGetsNewConnection() throws Exception {
		String url = "ws://localhost:" + emulator.port() + "/client/?hub=chat&access_token=" + token("chat", "u1");
		try (RawHubClient client = RawHubClient.open(url, null).handshake()) {
			await().until(() -> emulator.connectionCount("chat") > 0);
		}
	}

	@Test
	void webSocketRefusals() {
		String base = "ws://localhost:" + emulator.port() + "/client/?hub=chat";
		assertThat(RawHubClient.upgradeStatus(base, null)).isEqualTo(401);
		assertThat(RawHubClient.upgradeStatus(base + "&id=unknown", token("chat", "u1"))).isEqualTo(404);
		assertThat(RawHubClient.upgradeStatus(base, token("other", "u1"))).isEqualTo(401);
	}

	@Test
	void connectionTokenIsUsedOnce() {
		JsonNode answer = json.readTree(negotiate("chat", "&negotiateVersion=1", token("chat", "u1")).body());
		String url = "ws://localhost:" + emulator.port() + "/client/?hub=chat&id="
				+ answer.get("connectionToken").asString();
		assertThat(RawHubClient.upgradeStatus(url, token("chat", "u1"))).isEqualTo(-1);
		assertThat(RawHubClient.upgradeStatus(url, token("chat", "u1"))).isEqualTo(404);
	}

	@Test
	void plainGetOnClientEndpointIsNotLongPolling() {
		HttpResponse<String> response = RestCalls.send(HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + "/client/?hub=chat&id=x"))
			.header("Authorization", "Bearer " + token("chat", "u1"))
			.GET()
			.build());
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void corsPreflightAllowsTheOrigin() {
		HttpResponse<String> response = RestCalls.send(HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + "/client/negotiate?hub=chat&negotiateVersion=1"))
			.header("Origin", "http://localhost:8080")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,x-requested-with,x-signalr-user-agent")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
			.hasValue("authorization,x-requested-with,x-signalr-user-agent");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://attacker.example", "http://localhost.attacker.example", "null",
			"http://127.0.0.1.nip.io:8080" })
	void corsAllowsNoForeignOrigin(String origin) {
		for (String method : new String[] { "OPTIONS", "POST" }) {
			HttpResponse<String> response = RestCalls.send(HttpRequest
				.newBuilder(URI.create(emulator.endpoint() + "/client/negotiate?hub=chat&negotiateVersion=1"))
				.header("Origin", origin)
				.header("Access-Control-Request-Method", "POST")
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build());
			assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(method).isEmpty();
			assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).as(method).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8080", "https://localhost", "http://[::1]:3000" })
	void corsAllowsLoopbackOrigins(String origin) {
		HttpResponse<String> response = RestCalls.send(HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + "/client/negotiate?hub=chat&negotiateVersion=1"))
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
	}

	private static HttpResponse<String> negotiate(String hub, String query, String token) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + "/client/negotiate?hub=" + hub + query))
			.POST(HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return RestCalls.send(request.build());
	}

	private static String token(String hub, String userId) {
		return Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience(hub), userId);
	}

}
