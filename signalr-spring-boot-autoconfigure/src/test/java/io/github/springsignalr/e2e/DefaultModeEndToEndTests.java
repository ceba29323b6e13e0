package io.github.springsignalr.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubException;
import io.github.springsignalr.actuate.SignalREndpoint;
import io.github.springsignalr.server.DefaultModeServer;
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
import static org.awaitility.Awaitility.await;

/**
 * Default mode end to end: the chat application with {@code azure.signalr.mode=default} keeps server connections to
 * the emulator (which has no upstream), and the official clients, negotiating at the application, invoke the same
 * {@code @SignalRMessage} methods as in serverless mode over them: the Java client in JSON, the JavaScript client in
 * JSON and in MessagePack; connected and disconnected events fire.
 */
@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
				"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug", "management.endpoints.web.exposure.include=signalr" })
@AutoConfigureSignalREmulator
@DirtiesContext
@EndToEndTest
class DefaultModeEndToEndTests {

	private static final Path SCRIPT_DIRECTORY = NodeScript.DIRECTORY;

	@Autowired
	private ConfigurableApplicationContext app;

	private String appUrl;

	private HubConnection client;

	private Process node;

	@BeforeEach
	void awaitServerConnections() {
		this.appUrl = ChatApplication.url(this.app);
		DefaultModeServer server = this.app.getBean(DefaultModeServer.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> server.connectedCounts().values().stream().anyMatch((hubs) -> hubs.getOrDefault("chat", 0) == 5));
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
	void fiveServerConnectionsPerHubAndEndpoint() {
		DefaultModeServer server = app.getBean(DefaultModeServer.class);
		assertThat(server.hubs()).contains("chat", "admin");
		assertThat(server.connectedCounts().values()).allSatisfy((hubs) -> assertThat(hubs).containsEntry("chat", 5));
		SignalREndpoint.EndpointDescriptor endpoint = app.getBean(SignalREndpoint.class).signalr().endpoints().get(0);
		assertThat(endpoint.serverConnections()).as("the actuator's counts").containsEntry("chat", 5)
			.containsEntry("admin", 5);
	}

	@Test
	void javaClientInvokesAndGetsResultsErrorsAndVoidCompletionsAndEventsFire() throws Exception {
		ChatEvents events = app.getBean(ChatEvents.class);
		this.client = UpstreamEndToEndTests.connect(appUrl, "gus");
		String connectionId = this.client.getConnectionId();
		InvocationContext connected = events.next("connected", connectionId);
		assertThat(connected).as("the connected event").isNotNull();
		assertThat(connected.userId()).isEqualTo("gus");
		assertThat(this.client.invoke(String.class, "echo", "hello").blockingGet()).isEqualTo("hello!");
		assertThat(this.client.invoke(Integer.class, "add", 2, 3).blockingGet()).isEqualTo(5);
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> this.client.invoke("refuse", "no room").blockingAwait(10, TimeUnit.SECONDS))
			.withMessageContaining("refused: no room");
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> this.client.invoke("explode").blockingAwait(10, TimeUnit.SECONDS))
			.withMessageNotContaining(ChatEvents.SERVER_DETAIL);
		assertThat(this.client.invoke("note", "from java").blockingAwait(10, TimeUnit.SECONDS)).isTrue();
		InvocationContext note = events.next("note", connectionId);
		assertThat(note).isNotNull();
		// As the .NET SDK reads OpenConnection: asrs.s.uid is the user id, not a claim; the token's own claims are gone.
		assertThat(note.userId()).isEqualTo("gus");
		assertThat(note.claims()).doesNotContainKeys("asrs.s.uid", "aud", "exp");
		assertThat(note.query()).doesNotContainKey("access_token");
		this.client.stop().blockingAwait(10, TimeUnit.SECONDS);
		assertThat(events.next("disconnected", connectionId)).as("the disconnected event").isNotNull();
	}

	@Test
	void javaScriptClientInJson() throws Exception {
		assertInvokes("json", "hal");
	}

	@Test
	void javaScriptClientInMessagePack() throws Exception {
		assertInvokes("messagepack", "ida");
	}

	private void assertInvokes(String protocol, String user) throws Exception {
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
		assertThat(note.userId()).isEqualTo(user);
		assertThat(this.node.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.node.exitValue()).isZero();
	}

	private BlockingQueue<String> startNode(String url, String user, String protocol) throws IOException {
		this.node = NodeScript.start("invoke-upstream.js", url, user, protocol);
		return lines(this.node);
	}

}
