package io.github.springsignalr.samples.chat;

import io.github.springsignalr.testsupport.BrowserTest;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChatBrowserTests}' chat with {@code chat.send-through-upstream=true}: the page invokes {@code send}, the
 * embedded emulator posts each invocation to this application's upstream URL, signed with its access keys (across
 * the rotation too), and {@link ChatHub}'s {@code @SignalRMessage} method broadcasts it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.send-through-upstream=true")
@BrowserTest
class ChatThroughUpstreamBrowserTests extends ChatBrowserTests {

	@Override
	void assertSentAsExpected(ApplicationContext context, String mode) {
		assertThat(mode).contains("through the upstream");
		assertThat(context.getBean(ChatHub.class).invocations()).as("messages that arrived upstream").isEqualTo(4);
	}

}
