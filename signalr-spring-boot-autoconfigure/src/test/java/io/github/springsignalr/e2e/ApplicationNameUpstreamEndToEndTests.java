package io.github.springsignalr.e2e;

import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.github.springsignalr.upstream.InvocationContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with {@code azure.signalr.application-name} on the emulator, end to end: the official Java client
 * negotiates with it, connects to the service's hub {@code shop_chat}, and its events and invocations reach the
 * handler methods of hub {@code chat}; the application's template reaches it too.
 */
@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.application-name=Shop",
				"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug" })
@AutoConfigureSignalREmulator(upstream = "/signalr/upstream/{hub}/{category}/{event}")
@DirtiesContext
@EndToEndTest
class ApplicationNameUpstreamEndToEndTests {

	@Autowired
	private ConfigurableApplicationContext app;

	@Test
	void upstreamEventsOfThePrefixedHubReachTheMethodsOfTheBareHub() throws Exception {
		ChatEvents events = this.app.getBean(ChatEvents.class);
		HubConnection client = UpstreamEndToEndTests.connect(ChatApplication.url(this.app), "gus");
		try {
			String connectionId = client.getConnectionId();
			InvocationContext connected = events.next("connected", connectionId);
			assertThat(connected).isNotNull();
			assertThat(connected.hub()).isEqualTo("chat");
			assertThat(connected.query()).containsEntry("hub", "shop_chat");
			assertThat(client.invoke(String.class, "echo", "hello").blockingGet()).isEqualTo("hello!");
			assertThat(this.app.getBean(SignalRTemplate.class).connectionExists("chat", connectionId)).isTrue();
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

}
