package io.github.springsignalr.webflux;

import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.upstream.InvocationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serverless event handlers of a WebFlux-only application end to end: the emulated service posts its upstream
 * requests to the application (on a port chosen before it starts, as the service's upstream URL must name it), whose
 * methods receive the connection events and the official Java client's invocations, and answer them. The handler
 * method blocks a little; BlockHound finds no blocking call on an event loop.
 */
@ExtendWith(BlockingCalls.class)
@SpringBootTest(classes = ReactiveChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = "spring.main.banner-mode=off")
class ReactiveUpstreamEndToEndTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static SignalREmulator service;

	@Autowired
	private ReactiveChatApplication.ChatEvents events;

	@DynamicPropertySource
	static void service(DynamicPropertyRegistry registry) {
		service = SignalREmulator.builder()
			.port(0)
			.upstream("http://localhost:" + PORT + "/signalr/upstream/{hub}/{category}/{event}")
			.build()
			.start();
		registry.add("server.port", () -> PORT);
		registry.add("azure.signalr.connection-string", service::primaryConnectionString);
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void connectionEventsAndInvocationsReachTheAnnotatedMethods() throws Exception {
		HubConnection client = HubConnectionBuilder.create("http://localhost:" + PORT + "/chat")
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

}
