package io.github.springsignalr.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.ReactiveSignalRTemplate;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.github.springsignalr.testsupport.NodeScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import static io.github.springsignalr.testsupport.NodeScript.lines;
import static io.github.springsignalr.testsupport.NodeScript.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux-only application (Reactor Netty, no servlet API on the class path) and the official Java client: the
 * client negotiates through the application, is redirected to the primary of two emulated services, connects, and
 * receives what {@link ReactiveSignalRTemplate} sends on both; so does the official JavaScript client in Node, in JSON
 * and MessagePack. BlockHound finds no blocking call on an event loop or Reactor's parallel threads meanwhile.
 */
@ExtendWith(BlockingCalls.class)
@SpringBootTest(classes = ReactiveChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.banner-mode=off")
@AutoConfigureSignalREmulator(endpoints = { "east", "west:secondary" })
@EndToEndTest
class ReactiveChatEndToEndTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Path SCRIPT_DIRECTORY = NodeScript.DIRECTORY;

	@Autowired
	@Qualifier("east")
	private SignalREmulator service;

	@Autowired
	@Qualifier("west")
	private SignalREmulator west;

	@Autowired
	private ApplicationContext context;

	@LocalServerPort
	private int port;

	@Test
	void theApplicationIsReactiveWithoutTheServletApi() {
		assertThat(this.context).isInstanceOf(ReactiveWebServerApplicationContext.class);
		assertThat(ClassUtils.isPresent("jakarta.servlet.Servlet", null)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", null)).isFalse();
	}

	@Test
	void theClientNegotiatesThroughTheApplicationAndReceivesMessages() throws Exception {
		HubConnection client = HubConnectionBuilder.create("http://localhost:" + this.port + "/chat")
			.withHeader(ReactiveChatApplication.USER_HEADER, "alice")
			.build();
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		client.on("message", received::add, String.class);
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		try {
			assertThat(this.service.connectionCount("chat")).as("redirected to the primary").isEqualTo(1);
			assertThat(this.west.connectionCount("chat")).isZero();
			ReactiveSignalRTemplate template = this.context.getBean(ReactiveSignalRTemplate.class);
			// Subscribed on a non-blocking thread: BlockHound would see anything the template blocked on.
			SignalRResult toAll = template.sendToAll("chat", "message", "hello everyone")
				.subscribeOn(Schedulers.parallel())
				.block(WAIT);
			assertThat(toAll.results()).extracting(EndpointResult::outcome)
				.as("sent on both endpoints at once")
				.containsExactly(EndpointResult.Outcome.OK, EndpointResult.Outcome.OK);
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello everyone");
			template.sendToUser("chat", "bob", "message", "hello bob").subscribeOn(Schedulers.parallel()).block(WAIT);
			template.sendToUser("chat", "alice", "message", "hello alice")
				.subscribeOn(Schedulers.parallel())
				.block(WAIT);
			assertThat(received.poll(10, TimeUnit.SECONDS)).as("the user id is the resolver's").isEqualTo("hello alice");
			String connectionId = client.getConnectionId();
			assertThat(template.connectionExists("chat", connectionId).block(WAIT)).isTrue();
			assertThat(template.addConnectionToGroup("chat", "room", connectionId)
				.subscribeOn(Schedulers.parallel())
				.block(WAIT)
				.succeeded()).isTrue();
			template.sendToGroup("chat", "room", "message", "hello room").subscribeOn(Schedulers.parallel()).block(WAIT);
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello room");
			assertThat(received).as("nothing meant for others arrived").isEmpty();
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "messagepack" })
	void theJavaScriptClientReceivesWhatTheReactiveTemplateSends(String protocol) throws Exception {
		assertThat(SCRIPT_DIRECTORY.resolve("node_modules/@microsoft/signalr-protocol-msgpack"))
			.as("the JavaScript client installed by 'npm ci' in " + SCRIPT_DIRECTORY)
			.satisfies((path) -> assertThat(Files.isDirectory(path)).isTrue());
		String user = "js-" + protocol;
		Process node = NodeScript.start("receive-messages.js", "http://localhost:" + this.port + "/chat", user, protocol);
		try {
			BlockingQueue<String> lines = lines(node);
			String connected = next(lines);
			assertThat(connected).startsWith("CONNECTED ");
			String connectionId = connected.substring("CONNECTED ".length());
			ReactiveSignalRTemplate template = this.context.getBean(ReactiveSignalRTemplate.class);
			template.sendToUser("chat", user, "message", "to the user", 42).subscribeOn(Schedulers.parallel()).block(WAIT);
			assertThat(next(lines)).isEqualTo("MESSAGE [\"to the user\",42]");
			template.addConnectionToGroup("chat", "js", connectionId).subscribeOn(Schedulers.parallel()).block(WAIT);
			template.sendToGroup("chat", "js", "message", "to the group").subscribeOn(Schedulers.parallel()).block(WAIT);
			assertThat(next(lines)).isEqualTo("MESSAGE [\"to the group\"]");
			template.sendToConnection("chat", connectionId, "message", "bye")
				.subscribeOn(Schedulers.parallel())
				.block(WAIT);
			assertThat(next(lines)).isEqualTo("MESSAGE [\"bye\"]");
			assertThat(next(lines)).isEqualTo("CLOSED");
			assertThat(node.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(node.exitValue()).isZero();
		}
		finally {
			node.destroyForcibly();
		}
	}

	@Test
	void negotiateAnswersWithTheServicesUrlAndRefusesAnInvalidHub() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> answer = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/chat/negotiate?negotiateVersion=1"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(answer.body()).contains("\"negotiateVersion\":0")
			.contains("\"url\":\"" + this.service.clientUrl("chat") + "\"")
			.contains("\"accessToken\":\"");
		HttpResponse<String> invalid = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/1nvalid/negotiate"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("Invalid hub name");
	}

}
