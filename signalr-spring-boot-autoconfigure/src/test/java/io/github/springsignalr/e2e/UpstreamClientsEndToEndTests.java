package io.github.springsignalr.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubException;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.github.springsignalr.testsupport.NodeScript;
import io.github.springsignalr.upstream.InvocationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.springsignalr.testsupport.NodeScript.lines;
import static io.github.springsignalr.testsupport.NodeScript.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The official clients invoke the chat application's {@code @SignalRMessage} methods through the emulator's upstream,
 * in each hub protocol they have here, and get a return value, a hub error and a void completion: the Java client
 * ({@code com.microsoft.signalr}) in JSON, the JavaScript client ({@code @microsoft/signalr} in Node) in JSON and with
 * {@code @microsoft/signalr-protocol-msgpack} in MessagePack. The emulator forwards each invocation as the service
 * does and passes the application's answer on unchanged, so an answer in the wrong framing never completes. The build
 * installs the JavaScript packages with {@code npm ci} in {@code signalr-test-support/src/main/js}.
 */
@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off",
				"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug" })
@AutoConfigureSignalREmulator(upstream = "/signalr/upstream/{hub}/{category}/{event}")
@DirtiesContext
@EndToEndTest
class UpstreamClientsEndToEndTests {

	private static final Path SCRIPT_DIRECTORY = NodeScript.DIRECTORY;

	@Autowired
	private ConfigurableApplicationContext app;

	private String appUrl;

	private Process node;

	private HubConnection client;

	@BeforeEach
	void appUrl() {
		this.appUrl = ChatApplication.url(this.app);
	}

	@AfterEach
	void disconnect() {
		if (this.client != null) {
			this.client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
		if (this.node != null && this.node.isAlive()) {
			this.node.destroyForcibly();
		}
	}

	@Test
	void javaClientInJson() throws Exception {
		ChatEvents events = app.getBean(ChatEvents.class);
		this.client = UpstreamEndToEndTests.connect(appUrl, "gus");
		String connectionId = this.client.getConnectionId();
		assertThat(this.client.invoke(String.class, "echo", "hello").blockingGet()).isEqualTo("hello!");
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> this.client.invoke("refuse", "no room").blockingAwait(10, TimeUnit.SECONDS))
			.withMessageContaining("refused: no room");
		assertThat(this.client.invoke("note", "from java").blockingAwait(10, TimeUnit.SECONDS))
			.as("the void completion arrived")
			.isTrue();
		InvocationContext note = events.next("note", connectionId);
		assertThat(note).isNotNull();
		assertThat(note.headers().get("Content-Type")).startsWith("application/json");
		assertThat(note.claims()).as("the claims of the client's token").containsValue("gus");
		assertThat(note.query()).containsEntry("hub", "chat").doesNotContainKey("access_token");
	}

	@Test
	void javaScriptClientInJson() throws Exception {
		assertInvokes("json", "hal", "application/json");
	}

	@Test
	void javaScriptClientInMessagePack() throws Exception {
		assertInvokes("messagepack", "ida", "application/x-msgpack");
	}

	private void assertInvokes(String protocol, String user, String contentType) throws Exception {
		assertThat(SCRIPT_DIRECTORY.resolve("node_modules/@microsoft/signalr-protocol-msgpack"))
			.as("the JavaScript client installed by 'npm ci' in " + SCRIPT_DIRECTORY)
			.satisfies((path) -> assertThat(Files.isDirectory(path)).isTrue());
		ChatEvents events = app.getBean(ChatEvents.class);
		BlockingQueue<String> lines = startNode(appUrl + "/chat", user, protocol);
		String connected = next(lines);
		assertThat(connected).startsWith("CONNECTED ");
		String connectionId = connected.substring("CONNECTED ".length());
		assertThat(next(lines)).isEqualTo("RESULT echo \"hello!\"");
		assertThat(next(lines)).isEqualTo("RESULT add 5");
		assertThat(next(lines)).startsWith("ERROR refuse ").contains("refused: no room");
		assertThat(next(lines)).as("a void completion: no result").isEqualTo("VOID note undefined");
		assertThat(next(lines)).isEqualTo("CLOSED");
		InvocationContext note = events.next("note", connectionId);
		assertThat(note).as("the note invocation").isNotNull();
		assertThat(note.headers().get("Content-Type")).as("the body's media type, the client's protocol")
			.startsWith(contentType);
		assertThat(note.userId()).isEqualTo(user);
		assertThat(this.node.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.node.exitValue()).isZero();
	}

	private BlockingQueue<String> startNode(String url, String user, String protocol) throws IOException {
		this.node = NodeScript.start("invoke-upstream.js", url, user, protocol);
		return lines(this.node);
	}

}
