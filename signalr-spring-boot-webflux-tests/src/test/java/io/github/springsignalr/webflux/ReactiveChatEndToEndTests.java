package io.github.springsignalr.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux-only application (Reactor Netty, no servlet API on the class path) and the official Java client: the
 * client negotiates through the application, is redirected to the emulated service, connects, and receives what the
 * application sends; BlockHound finds no blocking call on an event loop meanwhile.
 */
@ExtendWith(BlockingCalls.class)
@SpringBootTest(classes = ReactiveChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.banner-mode=off")
@AutoConfigureSignalREmulator
class ReactiveChatEndToEndTests {

	@Autowired
	private SignalREmulator service;

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
			assertThat(this.service.connectionCount("chat")).isEqualTo(1);
			SignalRTemplate template = this.context.getBean(SignalRTemplate.class);
			assertThat(template.sendToAll("chat", "message", "hello everyone").succeeded()).isTrue();
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello everyone");
			template.sendToUser("chat", "bob", "message", "hello bob");
			template.sendToUser("chat", "alice", "message", "hello alice");
			assertThat(received.poll(10, TimeUnit.SECONDS)).as("the user id is the resolver's").isEqualTo("hello alice");
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
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
