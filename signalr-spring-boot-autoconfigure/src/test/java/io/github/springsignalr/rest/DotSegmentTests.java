package io.github.springsignalr.rest;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.token.SignalRTokenService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A hub, user, group or connection id that is a dot segment is refused before any request: a proxy or server that
 * normalises the path would otherwise turn {@code sendToUser(hub, "..", …)} into a broadcast. A local HTTP server
 * counts what reaches it.
 */
class DotSegmentTests {

	private static final String KEY = "ZG90LXNlZ21lbnQtdGVzdHMtb25seS1ub3QtYS1rZXk=";

	private final AtomicInteger requests = new AtomicInteger();

	private HttpServer server;

	private SignalRTemplate template;

	@BeforeEach
	void start() throws Exception {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			exchange.sendResponseHeaders(202, -1);
			exchange.close();
		});
		this.server.start();
		ServiceEndpoint endpoint = ServiceEndpoint.of("Endpoint=http://127.0.0.1;Port="
				+ this.server.getAddress().getPort() + ";AccessKey=" + KEY + ";Version=1.0;");
		this.template = new SignalRTemplate(new ServiceEndpointRegistry(List.of(endpoint), null),
				new DefaultEndpointRouter(), new SignalRTokenService(), RestClient.create(), null);
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", "..", "%2e", "%2E%2e", ".%2E", "%252e%252E", "%25252e" })
	void dotSegmentsAreRefusedBeforeAnyCall(String dots) {
		List<Consumer<SignalRTemplate>> calls = List.of((t) -> t.sendToUser("chat", dots, "m"),
				(t) -> t.sendToGroup("chat", dots, "m"), (t) -> t.sendToConnection("chat", dots, "m"),
				(t) -> t.addConnectionToGroup("chat", dots, "c1"), (t) -> t.addConnectionToGroup("chat", "g", dots),
				(t) -> t.sendToAll(dots, "m"));
		for (Consumer<SignalRTemplate> call : calls) {
			assertThatIllegalArgumentException().isThrownBy(() -> call.accept(this.template))
				.withMessageContaining("'.' and '..' (also percent-encoded) are not valid");
		}
		assertThat(this.requests).hasValue(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "...", ".a", "a.", "%2e%2e%2e", "user.1" })
	void otherNamesWithDotsAreSent(String name) {
		this.template.sendToUser("chat", name, "m");
		assertThat(this.requests).hasValue(1);
	}

}
