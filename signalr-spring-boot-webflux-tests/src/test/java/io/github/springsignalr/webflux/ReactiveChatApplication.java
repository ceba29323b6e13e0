package io.github.springsignalr.webflux;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springsignalr.negotiate.reactive.ReactiveNegotiateUserIdResolver;
import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.SignalRConnected;
import io.github.springsignalr.upstream.SignalRDisconnected;
import io.github.springsignalr.upstream.SignalRHubException;
import io.github.springsignalr.upstream.SignalRMessage;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A WebFlux application on the starter: auto-configuration only, a user id taken from a request header (a stand-in
 * for Spring Security's principal, whose auto-configuration is left out here), and serverless event handlers that
 * queue what they receive.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration" })
@Import(ReactiveChatApplication.ChatEvents.class)
class ReactiveChatApplication {

	static final String USER_HEADER = "X-Chat-User";

	@Bean
	ReactiveNegotiateUserIdResolver userFromHeader() {
		return (request) -> Mono.justOrEmpty(request.headers().firstHeader(USER_HEADER));
	}

	static class ChatEvents {

		private final BlockingQueue<InvocationContext> events = new LinkedBlockingQueue<>();

		@SignalRConnected(hub = "chat")
		void connected(InvocationContext context) {
			this.events.add(context);
		}

		@SignalRDisconnected(hub = "chat")
		void disconnected(InvocationContext context) {
			this.events.add(context);
		}

		/** Blocks a little, as application code may: it must not run on an event loop. */
		@SignalRMessage(hub = "chat", target = "echo")
		String echo(InvocationContext context, String text) throws InterruptedException {
			Thread.sleep(5);
			this.events.add(context);
			return text + "!";
		}

		@SignalRMessage(hub = "chat")
		int add(int a, int b) {
			return a + b;
		}

		/** A void method: the client gets an empty completion. */
		@SignalRMessage(hub = "chat")
		void note(InvocationContext context, String text) {
			this.events.add(context);
		}

		@SignalRMessage(hub = "chat")
		void refuse(String reason) {
			throw new SignalRHubException("refused: " + reason);
		}

		InvocationContext next(String event, String connectionId) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (System.nanoTime() < deadline) {
				InvocationContext context = this.events.poll(100, TimeUnit.MILLISECONDS);
				if (context != null && context.event().equals(event) && context.connectionId().equals(connectionId)) {
					return context;
				}
			}
			return null;
		}

	}

}
