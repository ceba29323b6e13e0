package io.github.springsignalr.samples.chat;

import java.time.Duration;
import java.util.Locale;

import io.github.springsignalr.testsupport.BrowserTest;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

import io.github.springsignalr.server.DefaultModeServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ChatBrowserTests}' chat in default mode ({@code azure.signalr.mode=default}): the application keeps server
 * connections to the embedded emulator, which routes the browsers to them; the page's {@code send} invocations reach
 * {@link ChatHub}'s {@code @SignalRMessage} method over them, and {@code SignalRTemplate} relays over them too. The
 * key rotation keeps the live server connections (the service checks a token at the upgrade only).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.send-through-upstream=true", "azure.signalr.mode=default" })
@BrowserTest
class ChatInDefaultModeBrowserTests extends ChatBrowserTests {

	@Autowired
	private DefaultModeServer server;

	@BeforeEach
	void awaitServerConnections() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.server.connectedCounts().values().stream()
				.anyMatch((hubs) -> hubs.getOrDefault(ChatApplication.HUB.toLowerCase(Locale.ROOT), 0) > 0));
	}

	@Override
	void assertSentAsExpected(ApplicationContext context, String mode) {
		assertThat(context.getBean(ChatHub.class).invocations()).as("messages invoked over server connections")
			.isEqualTo(4);
		assertThat(this.server.connectedCounts().values()).as("server connections still up after the rotation")
			.anySatisfy((hubs) -> assertThat(hubs.values()).anySatisfy((count) -> assertThat(count).isPositive()));
	}

}
