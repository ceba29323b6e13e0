package io.github.springsignalr.autoconfigure.upstream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.springsignalr.autoconfigure.SignalRAutoConfiguration;
import io.github.springsignalr.emulator.upstream.UpstreamSignature;
import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.LiveAccessKeys;
import io.github.springsignalr.upstream.SignalRMessage;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.internal.UpstreamRequestHandler;
import io.github.springsignalr.upstream.internal.ReactiveUpstreamHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignalRUpstreamAutoConfiguration} in a WebFlux application without the servlet API on the class
 * path, and for {@link ReactiveUpstreamHandler} through WebFlux's own request handling ({@link WebTestClient} bound
 * to the route) with the signatures the service sends. End to end, with a WebFlux server, the emulator and the
 * official client, in {@code signalr-spring-boot-webflux-tests}.
 */
class SignalRReactiveUpstreamAutoConfigurationTests {

	private static final String KEY = "dXBzdHJlYW0tYXV0by1jb25maWd1cmF0aW9uLXRlc3RzMDA=";

	private static final String CONNECTION_STRING = "Endpoint=https://east.service.signalr.net;AccessKey=" + KEY
			+ ";Version=1.0;";

	private static final String PATH = "/signalr/upstream/chat/messages/whoami";

	private static final String INVOCATION = "{\"type\":1,\"invocationId\":\"1\",\"target\":\"whoami\",\"arguments\":[]}";

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withClassLoader(new FilteredClassLoader("jakarta.servlet.", "org.springframework.web.servlet."))
		.withConfiguration(
				AutoConfigurations.of(SignalRAutoConfiguration.class, SignalRUpstreamAutoConfiguration.class))
		.withPropertyValues("azure.signalr.connection-string=" + CONNECTION_STRING);

	@Test
	void servesTheUpstreamUrlInAReactiveApplicationWithoutTheServletApi() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasBean("signalRUpstreamRoute")
			.hasSingleBean(RouterFunction.class)
			.hasSingleBean(LiveAccessKeys.class)
			.hasSingleBean(UpstreamEventDispatcher.class));
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("azure.signalr.upstream.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class)
				.doesNotHaveBean(UpstreamEventDispatcher.class));
	}

	@Test
	void aPathThatIsNotAPathFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("azure.signalr.upstream.path=signalr/upstream")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("azure.signalr.upstream.path"));
	}

	@Test
	void aSignedInvocationReachesTheMethodAndIsAnsweredWithItsCompletion() {
		this.runner.withBean(Handlers.class).run((context) -> {
			client(context).post()
				.uri(PATH)
				.headers((headers) -> headers.addAll(signed("c1")))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(utf8(INVOCATION + "\u001e"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
				.expectBody(String.class)
				.isEqualTo("{\"type\":3,\"invocationId\":\"1\",\"result\":\"ann\"}\u001e");
			InvocationContext received = context.getBean(Handlers.class).received.get();
			assertThat(received.hub()).isEqualTo("chat");
			assertThat(received.connectionId()).isEqualTo("c1");
		});
	}

	@Test
	void aRequestWithoutAValidSignatureIs401AndReachesNoMethod() {
		this.runner.withBean(Handlers.class).run((context) -> {
			org.springframework.http.HttpHeaders forged = signed("c1");
			forged.set("X-ASRS-Signature", "sha256=00");
			client(context).post()
				.uri(PATH)
				.headers((headers) -> headers.addAll(forged))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(utf8(INVOCATION))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectBody()
				.isEmpty();
			client(context).post()
				.uri("/signalr/upstream/admin/messages/whoami")
				.headers((headers) -> headers.addAll(signed("c2")))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(utf8(INVOCATION))
				.exchange()
				.expectStatus()
				.isUnauthorized();
			assertThat(context.getBean(Handlers.class).received.get()).isNull();
		});
	}

	@Test
	void aBodyOverTheLimitIs413AndReachesNoMethod() {
		this.runner.withBean(Handlers.class).run((context) -> {
			byte[] body = new byte[UpstreamRequestHandler.MAX_BODY_SIZE + 1];
			java.util.Arrays.fill(body, (byte) ' ');
			client(context).post()
				.uri(PATH)
				.headers((headers) -> headers.addAll(signed("c1")))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isEqualTo(413);
			assertThat(context.getBean(Handlers.class).received.get()).isNull();
			// At the limit exactly, the body is read (and, being no invocation, refused as one).
			client(context).post()
				.uri(PATH)
				.headers((headers) -> headers.addAll(signed("c1")))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new byte[UpstreamRequestHandler.MAX_BODY_SIZE])
				.exchange()
				.expectStatus()
				.isBadRequest();
		});
	}

	@Test
	void anotherMediaTypeIs415() {
		this.runner.withBean(Handlers.class)
			.run((context) -> client(context).post()
				.uri(PATH)
				.headers((headers) -> headers.addAll(signed("c1")))
				.contentType(MediaType.TEXT_PLAIN)
				.bodyValue(utf8(INVOCATION))
				.exchange()
				.expectStatus()
				.isEqualTo(415));
	}

	@SuppressWarnings("unchecked")
	private static WebTestClient client(ApplicationContext context) {
		return WebTestClient.bindToRouterFunction(context.getBean("signalRUpstreamRoute", RouterFunction.class))
			.build();
	}

	private static org.springframework.http.HttpHeaders signed(String connectionId) {
		org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
		headers.add("X-ASRS-Connection-Id", connectionId);
		headers.add("X-ASRS-Hub", "chat");
		headers.add("X-ASRS-Category", "messages");
		headers.add("X-ASRS-Event", "whoami");
		headers.add("X-ASRS-User-Id", "ann");
		headers.add("X-ASRS-Signature", UpstreamSignature.header(connectionId, List.of(KEY)));
		return headers;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static class Handlers {

		final AtomicReference<InvocationContext> received = new AtomicReference<>();

		@SignalRMessage(hub = "chat")
		String whoami(InvocationContext context) {
			this.received.set(context);
			return context.userId();
		}

	}

}
