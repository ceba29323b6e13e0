package io.github.springsignalr.upstream.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.springsignalr.emulator.upstream.UpstreamSignature;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.SignalRMessage;
import io.github.springsignalr.upstream.UpstreamConnections;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.UpstreamAuthenticator;
import io.github.springsignalr.upstream.UpstreamSignatureValidator;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link UpstreamHandler}: requests with the headers and bodies the service sends, answered as the service
 * relays them to clients. End to end, with the emulator and the official clients, in
 * {@code UpstreamClientsEndToEndTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamHandlerTests {

	private static final String KEY = "cHJpbWFyeS10ZXN0LWtleS1ub3QtYS1yZWFsLXNlY3JldDA=";

	private static final List<HttpMessageConverter<?>> converters = List.of(new ByteArrayHttpMessageConverter());

	private static final String INVOCATION = "{\"type\":1,\"invocationId\":\"1\",\"target\":\"whoami\",\"arguments\":[]}";

	private final AtomicReference<InvocationContext> received = new AtomicReference<>();

	private final UpstreamEventDispatcher dispatcher = new UpstreamEventDispatcher(JsonMapper.shared());

	private final UpstreamConnections connections = new UpstreamConnections(100, false);

	UpstreamHandlerTests() {
		this.dispatcher.register(new Object() {

			@SignalRMessage(hub = "chat")
			String whoami(InvocationContext context) {
				UpstreamHandlerTests.this.received.set(context);
				return context.userId();
			}

		});
	}

	@Test
	void anInvocationEndingWithTheRecordSeparatorIsAnsweredWithAFramedCompletion() throws Exception {
		MockHttpServletResponse response = handle(request("application/json", utf8(INVOCATION + "\u001e")), true);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(response.getContentAsString())
			.isEqualTo("{\"type\":3,\"invocationId\":\"1\",\"result\":\"ann\"}\u001e");
	}

	@Test
	void theServicesClientQueryAndClaimsReachTheContextWithoutTheToken() throws Exception {
		MockHttpServletRequest request = request("application/json", utf8(INVOCATION + "\u001e"));
		request.addHeader("X-ASRS-Client-Query", "?hub=chat&id=abc&access_token=eyJhbGciOiJIUzI1NiJ9.e30.sig&room=1");
		request.addHeader("X-ASRS-User-Claims", "asrs.s.uid: ann, role: admin, role: reader");
		assertThat(handle(request, true).getStatus()).isEqualTo(200);
		InvocationContext context = this.received.get();
		assertThat(context.query()).containsOnly(entry("hub", "chat"), entry("id", "abc"), entry("room", "1"));
		assertThat(context.claims()).containsOnly(entry("asrs.s.uid", "ann"), entry("role", "admin"));
		assertThat(context.headers()).containsKey("X-ASRS-User-Claims")
			.doesNotContainKey("X-ASRS-Client-Query")
			.doesNotContainKey("X-ASRS-Signature");
		assertThat(context.toString()).doesNotContain("eyJhbGciOiJIUzI1NiJ9");
	}

	@Test
	void aConnectionKeepsTheUserIdOfItsFirstAcceptedEvent(CapturedOutput output) throws Exception {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(UpstreamRequestHandler.class.getName(), LogLevel.DEBUG);
		try {
			assertThat(handle(request("application/json", utf8(INVOCATION)), true).getStatus()).isEqualTo(200);
			MockHttpServletRequest other = request("application/json", utf8(INVOCATION));
			other.removeHeader("X-ASRS-User-Id");
			other.addHeader("X-ASRS-User-Id", "bob");
			assertThat(handle(other, true).getStatus()).isEqualTo(401);
			MockHttpServletRequest anonymous = request("application/json", utf8(INVOCATION));
			anonymous.removeHeader("X-ASRS-User-Id");
			assertThat(handle(anonymous, true).getStatus()).as("the user id removed").isEqualTo(401);
			assertThat(output).contains("another user id");
			assertThat(this.received.get().userId()).isEqualTo("ann");
		}
		finally {
			logging.setLogLevel(UpstreamRequestHandler.class.getName(), null);
		}
	}

	@Test
	void anAnonymousConnectionCannotBecomeAUser() throws Exception {
		MockHttpServletRequest anonymous = request("application/json", utf8(INVOCATION));
		anonymous.removeHeader("X-ASRS-User-Id");
		assertThat(handle(anonymous, true).getStatus()).isEqualTo(200);
		assertThat(handle(request("application/json", utf8(INVOCATION)), true).getStatus())
			.as("a user id added later").isEqualTo(401);
	}

	@Test
	void theContextHasNoCredentialsOfTheRequest() throws Exception {
		MockHttpServletRequest request = request("application/json", utf8(INVOCATION));
		request.addHeader("authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig");
		request.addHeader("COOKIE", "session=s3cr3t-cookie");
		request.addHeader("X-Trace", "trace-value");
		assertThat(handle(request, true).getStatus()).isEqualTo(200);
		InvocationContext context = this.received.get();
		assertThat(context.headers()).containsKey("X-Trace")
			.doesNotContainKey("Authorization")
			.doesNotContainKey("Cookie");
		assertThat(context.toString()).doesNotContain("trace-value", "s3cr3t-cookie", "eyJhbGciOiJSUzI1NiJ9", "ann");
	}

	@Test
	void aMessagePackInvocationIsAnsweredInMessagePack() throws Exception {
		// [1, {}, "1", "whoami", []] without its length, as the Functions extension reads the service's body.
		byte[] body = { (byte) 0x95, 0x01, (byte) 0x80, (byte) 0xa1, '1', (byte) 0xa6, 'w', 'h', 'o', 'a', 'm', 'i',
				(byte) 0x90 };
		MockHttpServletResponse response = handle(request("application/x-msgpack", body), true);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/x-msgpack");
		// [3, {}, "1", 3, "ann"] after its length, 10.
		assertThat(response.getContentAsByteArray()).containsExactly(0x0a, 0x95, 0x03, 0x80, 0xa1, '1', 0x03, 0xa3,
				'a', 'n', 'n');
	}

	@Test
	void aMessagePackInvocationWithoutTheLibraryIs415AndTheLogNamesTheDependency(CapturedOutput output)
			throws Exception {
		MockHttpServletResponse response = handle(request("application/x-msgpack", new byte[] { (byte) 0x91, 0x01 }),
				false);
		assertThat(response.getStatus()).isEqualTo(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
		assertThat(output).contains("org.msgpack:msgpack-core");
		assertThat(this.received.get()).isNull();
	}

	@Test
	void anotherMediaTypeIs415() throws Exception {
		assertThat(handle(request("text/plain", utf8(INVOCATION)), true).getStatus()).isEqualTo(415);
		assertThat(handle(request("not a media type", utf8(INVOCATION)), true).getStatus()).isEqualTo(415);
	}

	@Test
	void anApplicationsHubReachesTheMethodsWithoutItsPrefix() throws Exception {
		MockHttpServletRequest request = request("application/json", utf8(INVOCATION));
		request.removeHeader("X-ASRS-Hub");
		request.addHeader("X-ASRS-Hub", "shop_chat");
		MockHttpServletResponse response = handle(request, true, "Shop");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).contains("\"result\":\"ann\"");
		assertThat(this.received.get().hub()).isEqualTo("chat");
	}

	@Test
	void anotherApplicationsHubOrAHubOfNoApplicationIsNotFound() throws Exception {
		for (String hub : new String[] { "bank_chat", "chat", "shop_" }) {
			MockHttpServletRequest request = request("application/json", utf8(INVOCATION));
			request.removeHeader("X-ASRS-Hub");
			request.addHeader("X-ASRS-Hub", hub);
			assertThat(handle(request, true, "shop").getStatus()).as(hub).isEqualTo(404);
		}
		assertThat(this.received.get()).isNull();
	}

	private MockHttpServletResponse handle(MockHttpServletRequest request, boolean messagePackAvailable)
			throws Exception {
		return handle(request, messagePackAvailable, null);
	}

	private MockHttpServletResponse handle(MockHttpServletRequest request, boolean messagePackAvailable,
			String applicationName) throws Exception {
		UpstreamHandler handler = new UpstreamHandler(
				new UpstreamAuthenticator(new UpstreamSignatureValidator(() -> List.of(AccessKey.of(KEY))), null),
				this.connections, this.dispatcher, messagePackAvailable, applicationName);
		ServerResponse answer = handler.handle(ServerRequest.create(request, converters));
		MockHttpServletResponse response = new MockHttpServletResponse();
		answer.writeTo(request, response, () -> converters);
		return response;
	}

	private static MockHttpServletRequest request(String contentType, byte[] body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/signalr/upstream");
		request.addHeader("Content-Type", contentType);
		request.addHeader("X-ASRS-Connection-Id", "c1");
		request.addHeader("X-ASRS-Hub", "chat");
		request.addHeader("X-ASRS-Category", "messages");
		request.addHeader("X-ASRS-Event", "whoami");
		request.addHeader("X-ASRS-User-Id", "ann");
		request.addHeader("X-ASRS-Signature", UpstreamSignature.header("c1", List.of(KEY)));
		request.setContent(body);
		return request;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
