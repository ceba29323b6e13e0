package io.github.springsignalr.emulator.upstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Upstream calls received by a JDK HTTP server standing in for the app (or function): the events, their
 * {@code X-ASRS-*} headers, bodies and signatures, and how the answers to invocations reach the client.
 */
class UpstreamTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String FUNCTION_KEY = "function-key-in-query";

	private static final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();

	private static HttpServer upstream;

	private static SignalREmulator emulator;

	private HubConnection connection;

	@BeforeAll
	static void start() throws IOException {
		upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		upstream.createContext("/", UpstreamTests::answer);
		upstream.start();
		emulator = SignalREmulator.builder()
			.port(0)
			.upstream("http://127.0.0.1:" + upstream.getAddress().getPort()
					+ "/upstream/{hub}/{category}/{event}?code=" + FUNCTION_KEY)
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
		upstream.stop(0);
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		if (this.connection != null) {
			String connectionId = this.connection.getConnectionId();
			this.connection.stop().blockingAwait(5, TimeUnit.SECONDS);
			// The disconnected event is the last of a connection: once it is in, nothing of this test is left to come.
			Received received;
			do {
				received = next();
			}
			while (!"disconnected".equals(received.header("X-ASRS-Event"))
					|| !connectionId.equals(received.header("X-ASRS-Connection-Id")));
		}
		requests.clear();
	}

	@Test
	void connectionEventsCarryHeadersBodiesAndASignaturePerKey() throws Exception {
		connect("alice");
		String connectionId = this.connection.getConnectionId();
		Received connected = next();
		assertThat(connected.path()).isEqualTo("/upstream/chat/connections/connected");
		assertThat(connected.query()).isEqualTo("code=" + FUNCTION_KEY);
		assertThat(connected.body()).isEqualTo("{\"type\":10}");
		assertThat(connected.header("Content-Type")).startsWith("application/json");
		assertThat(connected.header("X-ASRS-Connection-Id")).isEqualTo(connectionId);
		assertThat(connected.header("X-ASRS-Hub")).isEqualTo("chat");
		assertThat(connected.header("X-ASRS-Category")).isEqualTo("connections");
		assertThat(connected.header("X-ASRS-Event")).isEqualTo("connected");
		assertThat(connected.header("X-ASRS-User-Id")).isEqualTo("alice");
		assertThat(connected.header("X-ASRS-Client-Query")).startsWith("?").contains("hub=chat");
		assertSignature(connected.header("X-ASRS-Signature"), connectionId);
		assertThat(connected.header("Authorization")).as("no token without a managed identity").isNull();

		this.connection.stop().blockingAwait(5, TimeUnit.SECONDS);
		Received disconnected = next();
		assertThat(disconnected.path()).isEqualTo("/upstream/chat/connections/disconnected");
		assertThat(disconnected.header("X-ASRS-Event")).isEqualTo("disconnected");
		assertThat(disconnected.header("X-ASRS-Connection-Id")).isEqualTo(connectionId);
		assertThat(disconnected.body()).isEqualTo("{\"Type\":11}");
		assertSignature(disconnected.header("X-ASRS-Signature"), connectionId);
		this.connection = null;
	}

	@Test
	void signatureFollowsRegeneratedKeys() throws Exception {
		emulator.regenerateKey(KeyType.SECONDARY);
		connect("bob");
		Received connected = next();
		assertSignature(connected.header("X-ASRS-Signature"), this.connection.getConnectionId());
	}

	@Test
	void invocationIsPostedAndUpstreamBodyIsTheCompletion() throws Exception {
		connect("carol");
		next();
		assertThat(this.connection.invoke(String.class, "echo", "hello").blockingGet()).isEqualTo("hello!");
		Received message = next();
		assertThat(message.path()).isEqualTo("/upstream/chat/messages/echo");
		assertThat(message.header("X-ASRS-Category")).isEqualTo("messages");
		assertThat(message.header("X-ASRS-Event")).isEqualTo("echo");
		assertThat(message.header("X-ASRS-User-Id")).isEqualTo("carol");
		assertThat(message.body()).as("the client's frame, record separator included").endsWith("\u001e");
		JsonNode invocation = json.readTree(withoutSeparator(message.body()));
		assertThat(invocation.get("type").asInt()).isEqualTo(1);
		assertThat(invocation.get("target").asString()).isEqualTo("echo");
		assertThat(invocation.get("arguments").get(0).asString()).isEqualTo("hello");
		assertThat(invocation.has("invocationId")).isTrue();
	}

	@Test
	void noContentAndEmptyOkAreEmptyCompletions() throws Exception {
		connect("dave");
		next();
		this.connection.invoke("noContent").blockingAwait(5, TimeUnit.SECONDS);
		assertThat(next().header("X-ASRS-Event")).isEqualTo("noContent");
		this.connection.invoke("emptyOk").blockingAwait(5, TimeUnit.SECONDS);
		assertThat(next().header("X-ASRS-Event")).isEqualTo("emptyOk");
	}

	@Test
	void failedUpstreamIsAnErrorCompletion() throws Exception {
		connect("erin");
		next();
		assertThatThrownBy(() -> this.connection.invoke("fail").blockingAwait(5, TimeUnit.SECONDS))
			.isInstanceOf(HubException.class)
			.hasMessageContaining("Invocation failed, status code 500");
	}

	@Test
	void sendWithoutInvocationIdIsPostedInOrder() throws Exception {
		connect("frank");
		assertThat(next().header("X-ASRS-Event")).isEqualTo("connected");
		this.connection.send("fire", "one");
		this.connection.send("fire", "two");
		assertThat(json.readTree(withoutSeparator(next().body())).get("arguments").get(0).asString()).isEqualTo("one");
		Received second = next();
		assertThat(json.readTree(withoutSeparator(second.body())).get("arguments").get(0).asString()).isEqualTo("two");
		assertThat(json.readTree(withoutSeparator(second.body())).has("invocationId")).isFalse();
	}

	private void connect(String userId) {
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), userId);
		this.connection = HubConnectionBuilder.create(emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.defer(() -> Single.just(token)))
			.build();
		this.connection.start().blockingAwait(10, TimeUnit.SECONDS);
	}

	private static void assertSignature(String header, String connectionId) throws Exception {
		assertThat(header).doesNotContain(" ");
		List<String> signatures = List.of(header.split(","));
		assertThat(signatures).hasSize(2);
		assertThat(signatures.get(0)).isEqualToIgnoringCase(
				"sha256=" + hmacSha256Hex(emulator.accessKey(KeyType.PRIMARY), connectionId));
		assertThat(signatures.get(1)).isEqualToIgnoringCase(
				"sha256=" + hmacSha256Hex(emulator.accessKey(KeyType.SECONDARY), connectionId));
	}

	private static String hmacSha256Hex(String key, String data) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
	}

	private static Received next() throws InterruptedException {
		Received received = requests.poll(5, TimeUnit.SECONDS);
		assertThat(received).as("an upstream request within 5 seconds").isNotNull();
		return received;
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
		String event = exchange.getRequestHeaders().getFirst("X-ASRS-Event");
		switch (event) {
			case "echo" -> {
				JsonNode invocation = json.readTree(withoutSeparator(body));
				// A whole record, as the Functions extension writes it: the emulator adds nothing.
				String completion = "{\"type\":3,\"invocationId\":\"" + invocation.get("invocationId").asString()
						+ "\",\"result\":\"" + invocation.get("arguments").get(0).asString() + "!\"}\u001e";
				respond(exchange, 200, completion);
			}
			case "noContent" -> respond(exchange, 204, null);
			case "fail" -> respond(exchange, 500, "boom");
			default -> respond(exchange, 200, "");
		}
	}

	private static String withoutSeparator(String record) {
		return record.endsWith("\u001e") ? record.substring(0, record.length() - 1) : record;
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		exchange.sendResponseHeaders(status, (status == 204 || bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

	record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
