package io.github.springsignalr.samples.chat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as {@code spring-boot:process-aot} left it, started as a user would start it,
 * {@code java -Dspring.aot.enabled=true -jar}, in a JVM of its own, in local mode (the emulators in-process, the
 * connection string in the emulated Key Vault): a client negotiates at it, the official Java client connects through
 * negotiate, and a message posted to the application reaches it through the service's REST API.
 */
class ChatAotIT {

	private static final Duration START_UP = Duration.ofSeconds(120);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Process application;

	private HubConnection client;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.client != null) {
			this.client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
		if (this.application != null) {
			this.application.destroy();
			if (!this.application.waitFor(20, TimeUnit.SECONDS)) {
				this.application.destroyForcibly();
			}
		}
	}

	@Test
	void theAotProcessedSampleNegotiatesAndSends() throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/signalr-sample-chat-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the repackaged sample (mvn package)").exists();
		int port = freePort();
		Path log = Path.of("target", "chat-aot-it.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.application = new ProcessBuilder(List.of(java, "-Dspring.aot.enabled=true", "-jar", jar.toString(),
				"--server.port=" + port))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		String base = "http://127.0.0.1:" + port;
		awaitStarted(base, log);
		assertThat(Files.readString(log)).as("started from the AOT-generated initializer")
			.contains("Starting AOT-processed ChatApplication");

		HttpResponse<String> negotiate = this.http.send(
				HttpRequest.newBuilder(URI.create(base + "/chat/negotiate?user=bob"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(negotiate.statusCode()).isEqualTo(200);
		JsonNode answer = JsonMapper.shared().readTree(negotiate.body());
		assertThat(answer.get("url").asString()).startsWith("http://localhost:").contains("/client/?hub=chat");
		assertThat(answer.get("accessToken").asString()).isNotBlank();

		BlockingQueue<Map<?, ?>> received = new LinkedBlockingQueue<>();
		this.client = HubConnectionBuilder.create(base + "/chat?user=bob").build();
		this.client.on("message", received::add, Map.class);
		this.client.start().blockingAwait(30, TimeUnit.SECONDS);

		HttpResponse<String> sent = this.http.send(HttpRequest.newBuilder(URI.create(base + "/api/messages"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"bob\",\"text\":\"hello from an AOT build\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).isEqualTo(202);
		Map<?, ?> message = received.poll(30, TimeUnit.SECONDS);
		assertThat(message).as("the message, through the emulator").isNotNull();
		assertThat(message.get("text")).isEqualTo("hello from an AOT build");
		assertThat(message.get("from")).isEqualTo("bob");
		assertThat(message.get("audience")).isEqualTo("everyone");
	}

	private void awaitStarted(String base, Path log) throws Exception {
		long deadline = System.nanoTime() + START_UP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.application.isAlive()) {
				throw new AssertionError("The application stopped with " + this.application.exitValue() + "; see "
						+ log.toAbsolutePath());
			}
			try {
				HttpResponse<String> settings = this.http.send(
						HttpRequest.newBuilder(URI.create(base + "/api/settings")).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				if (settings.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The application did not start within " + START_UP + "; see " + log.toAbsolutePath());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
