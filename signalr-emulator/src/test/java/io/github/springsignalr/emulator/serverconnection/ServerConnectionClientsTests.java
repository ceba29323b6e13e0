package io.github.springsignalr.emulator.serverconnection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.RawHubClient;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;
import io.github.springsignalr.service.protocol.BroadcastDataMessage;
import io.github.springsignalr.service.protocol.ConnectionDataMessage;
import io.github.springsignalr.service.protocol.HandshakeRequestMessage;
import io.github.springsignalr.service.protocol.OpenConnectionMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients of both hub protocols through server connections: the official JavaScript client (JSON) invoking a method
 * that the test server answers, and a MessagePack client, whose handshake answer and messages come in binary frames
 * with the payload of its own protocol.
 */
class ServerConnectionClientsTests {

	private static final Path SCRIPT_DIRECTORY = Path.of("src", "test", "js");

	private static SignalREmulator emulator;

	private TestServer server;

	private Process node;

	@BeforeAll
	static void start() {
		emulator = SignalREmulator.builder().port(0).build().start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@AfterEach
	void close() {
		if (this.node != null && this.node.isAlive()) {
			this.node.destroyForcibly();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void theJavaScriptClientInvokesAMethodThatTheServerAnswers() throws Exception {
		this.server = handshaken("nodehub");
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("nodehub"), "node");
		BlockingQueue<String> lines = startNode(emulator.clientUrl("nodehub"), token, "echo", "from node");
		OpenConnectionMessage open = this.server.next(OpenConnectionMessage.class);
		assertThat(text(this.server.next(ConnectionDataMessage.class).payload())).contains("\"protocol\":\"json\"");
		this.server.send(new ConnectionDataMessage(open.connectionId(), bytes("{}\u001e")));
		assertThat(lines.poll(20, TimeUnit.SECONDS)).isEqualTo("CONNECTED " + open.connectionId());
		String invocation = null;
		while (invocation == null || !invocation.contains("\"target\":\"echo\"")) {
			invocation = text(this.server.next(ConnectionDataMessage.class).payload());
		}
		assertThat(invocation).contains("\"arguments\":[\"from node\"]");
		String id = invocation.replaceAll("(?s).*\"invocationId\":\"([^\"]+)\".*", "$1");
		this.server.send(new ConnectionDataMessage(open.connectionId(),
				bytes("{\"type\":3,\"invocationId\":\"" + id + "\",\"result\":{\"echoed\":\"from node\"}}\u001e")));
		assertThat(lines.poll(20, TimeUnit.SECONDS)).isEqualTo("RESULT {\"echoed\":\"from node\"}");
		assertThat(lines.poll(20, TimeUnit.SECONDS)).isEqualTo("CLOSED");
	}

	@Test
	void aMessagePackClientGetsItsHandshakeAnswerAndItsProtocolsPayloadInBinaryFrames() throws Exception {
		this.server = handshaken("binary");
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("binary"), "bin");
		try (RawHubClient client = RawHubClient.connect(emulator, "binary", token)) {
			CompletableFuture<RawHubClient> handshake = CompletableFuture.supplyAsync(client::handshakeMessagePack);
			OpenConnectionMessage open = this.server.next(OpenConnectionMessage.class);
			assertThat(open.protocol()).isEqualTo("messagepack");
			assertThat(text(this.server.next(ConnectionDataMessage.class).payload()))
				.isEqualTo("{\"protocol\":\"messagepack\",\"version\":1}\u001e");
			this.server.send(new ConnectionDataMessage(open.connectionId(), bytes("{}\u001e")));
			handshake.get(10, TimeUnit.SECONDS);
			byte[] messagePack = { 0x0a, (byte) 0x96, 0x01, (byte) 0x80, (byte) 0xc0, (byte) 0xa1, 'm', (byte) 0x90,
					(byte) 0x90 };
			this.server.send(new BroadcastDataMessage(List.of(),
					Map.of("json", bytes("{\"type\":1,\"target\":\"m\",\"arguments\":[]}\u001e"), "messagepack",
							messagePack)));
			assertThat(client.nextBinary()).isEqualTo(messagePack);
		}
	}

	private static TestServer handshaken(String hub) throws Exception {
		TestServer server = TestServer.connect(emulator.endpoint(), hub, TestServer
			.token(emulator.accessKey(KeyType.PRIMARY), "http://localhost/server/?hub=" + hub, "server-" + hub));
		assertThat(server.handshake(new HandshakeRequestMessage(1)).isSuccess()).isTrue();
		return server;
	}

	private BlockingQueue<String> startNode(String... arguments) throws IOException {
		String[] command = new String[arguments.length + 2];
		command[0] = "node";
		command[1] = "invoke.js";
		System.arraycopy(arguments, 0, command, 2, arguments.length);
		this.node = new ProcessBuilder(command).directory(SCRIPT_DIRECTORY.toFile()).redirectErrorStream(true).start();
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(this.node.getInputStream(), StandardCharsets.UTF_8))) {
				output.lines().forEach(lines::add);
			}
			catch (IOException ex) {
				lines.add("READ FAILED " + ex.getMessage());
			}
		}, "node-output");
		reader.setDaemon(true);
		reader.start();
		return lines;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
