package io.github.springsignalr.e2e;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application using the starter, two emulated services (east as primary, west as secondary) and the official Java
 * client: the client negotiates through the application, is redirected to the primary, connects, and receives what
 * {@link SignalRTemplate} sends to all, to its user and to its group.
 */
@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.banner-mode=off")
@AutoConfigureSignalREmulator(endpoints = { "east", "west:secondary" })
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest
class ChatEndToEndTests {

	@Autowired
	@Qualifier("east")
	private SignalREmulator east;

	@Autowired
	@Qualifier("west")
	private SignalREmulator west;

	@Autowired
	private ConfigurableApplicationContext app;

	@Test
	void clientNegotiatesThroughTheAppAndReceivesEveryKindOfMessage(CapturedOutput output) throws Exception {
		HubConnection client = HubConnectionBuilder.create(ChatApplication.url(this.app) + "/chat")
			.withHeader(ChatApplication.USER_HEADER, "alice")
			.build();
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		client.on("message", received::add, String.class);
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		try {
			assertThat(this.east.connectionCount("chat")).as("redirected to the primary").isEqualTo(1);
			assertThat(this.west.connectionCount("chat")).isZero();
			SignalRTemplate template = this.app.getBean(SignalRTemplate.class);

			SignalRResult toAll = template.sendToAll("chat", "message", "hello everyone");
			assertThat(toAll.results()).extracting(EndpointResult::outcome)
				.as("sent on both endpoints")
				.containsExactly(EndpointResult.Outcome.OK, EndpointResult.Outcome.OK);
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello everyone");

			template.sendToUser("chat", "alice", "message", "hello alice");
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello alice");
			template.sendToUser("chat", "bob", "message", "hello bob");

			assertThat(template.addUserToGroup("chat", "room-1", "alice").succeeded()).isTrue();
			template.sendToGroup("chat", "room-2", "message", "not for alice");
			template.sendToGroup("chat", "room-1", "message", "hello room 1");
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello room 1");

			String connectionId = client.getConnectionId();
			assertThat(template.connectionExists("chat", connectionId)).isTrue();
			assertThat(template.addConnectionToGroup("chat", "room-3", connectionId).succeeded()).isTrue();
			template.sendToGroup("chat", "room-3", "message", "hello room 3");
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello room 3");
			template.sendToConnection("chat", connectionId, "message", "hello connection");
			assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello connection");
			assertThat(received).as("nothing meant for others arrived").isEmpty();
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
		LogScan.assertNoSecrets(output.getAll(), List.of(this.east.accessKey(KeyType.PRIMARY),
				this.east.accessKey(KeyType.SECONDARY), this.west.accessKey(KeyType.PRIMARY)));
	}

	@Test
	void negotiateAnswersWithTheClientUrlAndATokenOfThePrimary() throws Exception {
		Map<String, Object> answer = ChatApplication.negotiate(HttpClient.newHttpClient(), ChatApplication.url(this.app),
				"Chat");
		assertThat(answer).containsEntry("status", 200)
			.containsEntry("negotiateVersion", 0)
			.containsEntry("url", this.east.clientUrl("chat"))
			.containsKey("accessToken");
		assertThat(this.app.getBean(ServiceEndpointRegistry.class).endpoints()).extracting((e) -> e.type())
			.containsExactly(EndpointType.PRIMARY, EndpointType.SECONDARY);
	}

}
