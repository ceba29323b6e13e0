package io.github.springsignalr.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.springsignalr.emulator.junit.SignalREmulatorTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official JavaScript client, {@code @microsoft/signalr} from npm, in Node: it negotiates, connects with the
 * token in its {@code Authorization} header and receives a broadcast sent through the REST API. The build installs
 * the client with {@code npm ci} in {@code src/test/js} before the tests.
 */
@SignalREmulatorTest
class JavaScriptClientTests {

	private static final Path SCRIPT_DIRECTORY = Path.of("src", "test", "js");

	private Process node;

	@AfterEach
	void stopNode() {
		if (this.node != null && this.node.isAlive()) {
			this.node.destroyForcibly();
		}
	}

	@Test
	void receivesBroadcastSentThroughRestApi(SignalREmulator emulator) throws Exception {
		assertThat(SCRIPT_DIRECTORY.resolve("node_modules/@microsoft/signalr"))
			.as("@microsoft/signalr installed by 'npm ci' in " + SCRIPT_DIRECTORY)
			.satisfies((path) -> assertThat(Files.isDirectory(path)).isTrue());
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), "node");
		BlockingQueue<String> lines = startNode(emulator.clientUrl("chat"), token);

		String connected = next(lines);
		assertThat(connected).startsWith("CONNECTED ");
		String connectionId = connected.substring("CONNECTED ".length());
		assertThat(emulator.connectionIds("chat")).contains(connectionId);

		assertThat(new RestCalls(emulator)
			.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01",
					"{\"target\":\"newMessage\",\"arguments\":[\"hello from REST\",42]}")
			.statusCode()).isEqualTo(202);

		assertThat(next(lines)).isEqualTo("RECEIVED newMessage [\"hello from REST\",42]");
		assertThat(next(lines)).isEqualTo("CLOSED");
		assertThat(this.node.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.node.exitValue()).isZero();
	}

	private BlockingQueue<String> startNode(String url, String token) throws IOException {
		this.node = new ProcessBuilder("node", "receive-broadcast.js", url, token, "1")
			.directory(SCRIPT_DIRECTORY.toFile())
			.redirectErrorStream(true)
			.start();
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

	private static String next(BlockingQueue<String> lines) throws InterruptedException {
		String line = lines.poll(20, TimeUnit.SECONDS);
		assertThat(line).as("a line from node within 20 seconds").isNotNull();
		return line;
	}

}
