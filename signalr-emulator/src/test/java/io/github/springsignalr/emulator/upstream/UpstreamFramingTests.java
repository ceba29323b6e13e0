package io.github.springsignalr.emulator.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.value.ArrayValue;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.RawHubClient;
import io.github.springsignalr.emulator.RestCalls;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;
import io.github.springsignalr.emulator.hub.MessagePackMessages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the emulator forwards upstream and what it passes back, byte for byte, in either hub protocol: it repairs
 * nothing the application sends, so an application that would fail on Azure fails here. Each upstream answer is set
 * by the test before the client invokes.
 */
class UpstreamFramingTests {

	private static final char RS = RawHubClient.RS;

	private static final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();

	/** The body to answer an invocation of a target with; an empty 200 when none. */
	private static final Map<String, byte[]> answers = new ConcurrentHashMap<>();

	/** The status to answer an invocation of a target with; 200 when none. */
	private static final Map<String, Integer> upstreamStatus = new ConcurrentHashMap<>();

	private static HttpServer upstream;

	private static SignalREmulator emulator;

	@BeforeAll
	static void start() throws IOException {
		upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		upstream.createContext("/", UpstreamFramingTests::answer);
		upstream.start();
		emulator = SignalREmulator.builder()
			.port(0)
			.upstream("http://127.0.0.1:" + upstream.getAddress().getPort() + "/upstream/{hub}/{category}/{event}")
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
		upstream.stop(0);
	}

	@AfterEach
	void clear() {
		requests.clear();
		answers.clear();
		upstreamStatus.clear();
	}

	@Test
	void aJsonInvocationIsForwardedAsTheClientFramedIt() throws Exception {
		try (RawHubClient client = json("ivy")) {
			String frame = "{ \"type\": 1, \"invocationId\": \"1\", \"target\": \"echo\", \"arguments\": [\"a\"] }" + RS;
			answers.put("echo", utf8("{\"type\":3,\"invocationId\":\"1\",\"result\":\"a!\"}" + RS));
			client.send(frame);
			Received invocation = nextOf("echo");
			assertThat(invocation.contentType()).isEqualTo("application/json");
			assertThat(new String(invocation.body(), StandardCharsets.UTF_8)).isEqualTo(frame);
			assertThat(client.nextMessage().get("result").asString()).isEqualTo("a!");
		}
	}

	@Test
	void anAnswerIsPassedOnByteForByteAndNeverRepaired() throws Exception {
		try (RawHubClient client = json("jay")) {
			// Two records in one answer reach the client as two records.
			answers.put("two", utf8("{\"type\":3,\"invocationId\":\"1\",\"result\":1}" + RS
					+ "{\"type\":1,\"target\":\"note\",\"arguments\":[]}" + RS));
			client.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"two\",\"arguments\":[]}" + RS);
			assertThat(client.nextMessage().get("result").asInt()).isEqualTo(1);
			assertThat(client.nextMessage().get("target").asString()).isEqualTo("note");
			// An answer without its record separator is not completed: it runs into the next one.
			answers.put("bare", utf8("{\"type\":3,\"invocationId\":\"2\"}"));
			client.send("{\"type\":1,\"invocationId\":\"2\",\"target\":\"bare\",\"arguments\":[]}" + RS);
			assertThat(nextOf("bare")).isNotNull();
			answers.put("framed", utf8("{\"type\":3,\"invocationId\":\"3\"}" + RS));
			client.send("{\"type\":1,\"invocationId\":\"3\",\"target\":\"framed\",\"arguments\":[]}" + RS);
			String record;
			do {
				record = client.nextRecord();
			}
			while (record.equals("{\"type\":6}"));
			assertThat(record).isEqualTo("{\"type\":3,\"invocationId\":\"2\"}{\"type\":3,\"invocationId\":\"3\"}");
		}
	}

	@Test
	void aMessagePackInvocationIsPostedAsMessagePackWithoutItsLength() throws Exception {
		try (RawHubClient client = messagePack("kim")) {
			Received connected = nextOf("connected");
			assertThat(connected.contentType()).as("connection events are JSON").isEqualTo("application/json");
			byte[] invocation = invocation("1", "echo", "b");
			byte[] completion = MessagePackMessages.framed(completion("1", "b!"));
			answers.put("echo", completion);
			client.sendBinary(MessagePackMessages.framed(invocation));
			Received received = nextOf("echo");
			assertThat(received.contentType()).isEqualTo("application/x-msgpack");
			assertThat(received.body()).isEqualTo(invocation);
			assertThat(nextNonPing(client)).as("the answer, as it is").isEqualTo(completion);
		}
	}

	@Test
	void aMessagePackClientGetsEmptyAndErrorCompletionsInMessagePack() throws Exception {
		try (RawHubClient client = messagePack("lee")) {
			client.sendBinary(MessagePackMessages.framed(invocation("7", "empty")));
			ArrayValue empty = unframe(nextNonPing(client));
			assertThat(empty.get(0).asIntegerValue().toInt()).isEqualTo(3);
			assertThat(empty.get(2).asStringValue().asString()).isEqualTo("7");
			assertThat(empty.get(3).asIntegerValue().toInt()).as("void result").isEqualTo(2);
			answers.put("fail", new byte[0]);
			upstreamStatus.put("fail", 500);
			client.sendBinary(MessagePackMessages.framed(invocation("8", "fail")));
			ArrayValue error = unframe(nextNonPing(client));
			assertThat(error.get(3).asIntegerValue().toInt()).as("error result").isEqualTo(1);
			assertThat(error.get(4).asStringValue().asString()).isEqualTo("Invocation failed, status code 500");
		}
	}

	@Test
	void aMessageSentThroughTheRestApiReachesAMessagePackClientInMessagePack() throws Exception {
		try (RawHubClient client = messagePack("max")) {
			assertThat(new RestCalls(emulator)
				.call("POST", "/api/hubs/chat/users/max/:send?api-version=2022-06-01",
						"{\"target\":\"newMessage\",\"arguments\":[\"hi\",{\"n\":1}]}")
				.statusCode()).isEqualTo(202);
			ArrayValue message = unframe(nextNonPing(client));
			assertThat(message.get(0).asIntegerValue().toInt()).as("invocation").isEqualTo(1);
			assertThat(message.get(3).asStringValue().asString()).isEqualTo("newMessage");
			assertThat(message.get(4).toJson()).isEqualTo("[\"hi\",{\"n\":1}]");
		}
	}

	@Test
	void clientQueryIsSentWithItsQuestionMarkAndTheTokenAndClaimsAsTypeValuePairs() throws Exception {
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), "nia");
		try (RawHubClient client = RawHubClient.connect(emulator, "chat", token,
				"&room=blue&access_token=" + token)) {
			client.handshake();
			Received connected = nextOf("connected");
			assertThat(connected.header("X-ASRS-Client-Query")).startsWith("?hub=chat&id=")
				.endsWith("&room=blue&access_token=" + token);
			assertThat(connected.header("X-ASRS-User-Claims")).contains("asrs.s.uid: nia")
				.contains("aud: " + emulator.clientAudience("chat"))
				.matches("([^,]+: [^,]+)(, [^,]+: [^,]+)*");
		}
	}

	private static RawHubClient json(String user) {
		return RawHubClient.connect(emulator, "chat", token(user)).handshake();
	}

	private static RawHubClient messagePack(String user) {
		return RawHubClient.connect(emulator, "chat", token(user)).handshakeMessagePack();
	}

	private static String token(String user) {
		return Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), user);
	}

	/** {@code [1, {}, invocationId, target, arguments, []]}, as the JavaScript client's protocol writes it. */
	private static byte[] invocation(String invocationId, String target, String... arguments) throws IOException {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			packer.packArrayHeader(6).packInt(1).packMapHeader(0).packString(invocationId).packString(target);
			packer.packArrayHeader(arguments.length);
			for (String argument : arguments) {
				packer.packString(argument);
			}
			packer.packArrayHeader(0);
			return packer.toByteArray();
		}
	}

	/** {@code [3, {}, invocationId, 3, result]}. */
	private static byte[] completion(String invocationId, String result) throws IOException {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			packer.packArrayHeader(5).packInt(3).packMapHeader(0).packString(invocationId).packInt(3);
			packer.packString(result);
			return packer.toByteArray();
		}
	}

	/**
	 * The next binary frame that is not a ping ({@code [6]} with its length: {@code 0x02 0x91 0x06}).
	 */
	private static byte[] nextNonPing(RawHubClient client) {
		byte[] frame;
		do {
			frame = client.nextBinary();
		}
		while (Arrays.equals(frame, new byte[] { 0x02, (byte) 0x91, 0x06 }));
		return frame;
	}

	private static ArrayValue unframe(byte[] frame) {
		ByteArrayOutputStream pending = new ByteArrayOutputStream();
		pending.writeBytes(frame);
		List<byte[]> messages = MessagePackMessages.split(pending, Integer.MAX_VALUE);
		assertThat(messages).hasSize(1);
		assertThat(pending.size()).as("nothing after the message").isZero();
		return MessagePackMessages.parse(messages.get(0));
	}

	private static Received nextOf(String event) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (System.nanoTime() < deadline) {
			Received received = requests.poll(100, TimeUnit.MILLISECONDS);
			if (received != null && event.equals(received.header("X-ASRS-Event"))) {
				return received;
			}
		}
		throw new AssertionError("No upstream request for " + event + " within 5 seconds");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void answer(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		Received received = new Received(Map.copyOf(exchange.getRequestHeaders()), body);
		requests.add(received);
		String event = received.header("X-ASRS-Event");
		byte[] answer = answers.getOrDefault(event, new byte[0]);
		int status = upstreamStatus.getOrDefault(event, 200);
		exchange.sendResponseHeaders(status, (answer.length == 0) ? -1 : answer.length);
		if (answer.length > 0) {
			exchange.getResponseBody().write(answer);
		}
		exchange.close();
	}

	record Received(Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		String contentType() {
			return header("Content-Type");
		}

	}

}
