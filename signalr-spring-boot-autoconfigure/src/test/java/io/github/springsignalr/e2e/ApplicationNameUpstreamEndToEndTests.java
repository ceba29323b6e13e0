package io.github.springsignalr.e2e;

import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.upstream.InvocationContext;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with {@code azure.signalr.application-name} on the emulator, end to end: the official Java client
 * negotiates with it, connects to the service's hub {@code shop_chat}, and its events and invocations reach the
 * handler methods of hub {@code chat}; the application's template reaches it too.
 */
class ApplicationNameUpstreamEndToEndTests {

	@Test
	void upstreamEventsOfThePrefixedHubReachTheMethodsOfTheBareHub() throws Exception {
		int port = TestSocketUtils.findAvailableTcpPort();
		try (SignalREmulator service = SignalREmulator.builder()
			.port(0)
			.upstream("http://localhost:" + port + "/signalr/upstream/{hub}/{category}/{event}")
			.build()
			.start()) {
			try (ConfigurableApplicationContext app = UpstreamEndToEndTests.start(port,
					"azure.signalr.connection-string=" + service.primaryConnectionString(),
					"azure.signalr.application-name=Shop")) {
				ChatEvents events = app.getBean(ChatEvents.class);
				HubConnection client = UpstreamEndToEndTests.connect(ChatApplication.url(app), "gus");
				try {
					String connectionId = client.getConnectionId();
					InvocationContext connected = events.next("connected", connectionId);
					assertThat(connected).isNotNull();
					assertThat(connected.hub()).isEqualTo("chat");
					assertThat(connected.query()).containsEntry("hub", "shop_chat");
					assertThat(client.invoke(String.class, "echo", "hello").blockingGet()).isEqualTo("hello!");
					assertThat(app.getBean(SignalRTemplate.class).connectionExists("chat", connectionId)).isTrue();
				}
				finally {
					client.stop().blockingAwait(10, TimeUnit.SECONDS);
				}
			}
		}
	}

}
