package io.github.springsignalr.webflux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.github.springsignalr.testsupport.NodeScript;
import io.github.springsignalr.upstream.InvocationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static io.github.springsignalr.testsupport.NodeScript.lines;
import static io.github.springsignalr.testsupport.NodeScript.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serverless event handlers of a WebFlux-only application end to end: the emulated service posts its upstream
 * requests to the application (on a port the test support chooses before it starts, as the service's upstream URL
 * must name it), whose methods receive the connection events and the invocations of the official Java client and of
 * the official JavaScript client (in JSON and in MessagePack), and answer them. A handler method blocks a little;
 * BlockHound finds no blocking call on an event loop.
 */
@ExtendWith(BlockingCalls.class)
@SpringBootTest(classes = ReactiveChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.banner-mode=off")
@AutoConfigureSignalREmulator(upstream = "/signalr/upstream/{hub}/{category}/{event}")
@DirtiesContext
@EndToEndTest
class ReactiveUpstreamEndToEndTests {

	private static final Path SCRIPT_DIRECTORY = NodeScript.DIRECTORY;

	@LocalServerPort
	private int port;

	private Process node;

	@Autowired
	private ReactiveChatApplication.ChatEvents events;

	@AfterEach
	void stopNode() {
		if (this.node != null && this.node.isAlive()) {
			this.node.destroyForcibly();
		}
	}

	@Test
	void connectionEventsAndInvocationsReachTheAnnotatedMethods() throws Exception {
		HubConnection client = HubConnectionBuilder.create("http://localhost:" + this.port + "/chat")
			.withHeader(ReactiveChatApplication.USER_HEADER, "carol")
			.build();
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		String connectionId = client.getConnectionId();
		try {
			InvocationContext connected = this.events.next("connected", connectionId);
			assertThat(connected).as("the connected event").isNotNull();
			assertThat(connected.userId()).isEqualTo("carol");
			String echoed = client.invoke(String.class, "echo", "hi").blockingGet();
			assertThat(echoed).isEqualTo("hi!");
			assertThat(this.events.next("echo", connectionId).hub()).isEqualTo("chat");
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
		assertThat(this.events.next("disconnected", connectionId)).as("the disconnected event").isNotNull();
	}

	@Test
	void theJavaScriptClientInvokesInJson() throws Exception {
		assertInvokes("json", "hal", "application/json");
	}

	@Test
	void theJavaScriptClientInvokesInMessagePack() throws Exception {
		assertInvokes("messagepack", "ida", "application/x-msgpack");
	}

	private void assertInvokes(String protocol, String user, String contentType) throws Exception {
		assertThat(SCRIPT_DIRECTORY.resolve("node_modules/@microsoft/signalr-protocol-msgpack"))
			.as("the JavaScript client installed by 'npm ci' in " + SCRIPT_DIRECTORY)
			.satisfies((path) -> assertThat(Files.isDirectory(path)).isTrue());
		BlockingQueue<String> lines = startNode("http://localhost:" + this.port + "/chat", user, protocol);
		String connected = next(lines);
		assertThat(connected).startsWith("CONNECTED ");
		String connectionId = connected.substring("CONNECTED ".length());
		assertThat(next(lines)).isEqualTo("RESULT echo \"hello!\"");
		assertThat(next(lines)).isEqualTo("RESULT add 5");
		assertThat(next(lines)).startsWith("ERROR refuse ").contains("refused: no room");
		assertThat(next(lines)).as("a void completion: no result").isEqualTo("VOID note undefined");
		assertThat(next(lines)).isEqualTo("CLOSED");
		InvocationContext note = this.events.next("note", connectionId);
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
