package io.github.springsignalr.emulator.upstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that closes its connection cleanly (the official Java client's {@code stop()}: a close message, then a
 * close frame) while the emulator is writing to it: its disconnected event carries no error, whatever the transport
 * reports once the channel is gone (under load, the channel often went inactive before the close frame was read).
 * The emulator pings every millisecond, so that a frame is nearly always in flight at the close.
 */
class ClientCloseTests {

	private static final int CONNECTIONS = 60;

	private static final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

	private static HttpServer upstream;

	private static SignalREmulator emulator;

	@BeforeAll
	static void start() throws IOException {
		upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		upstream.createContext("/", ClientCloseTests::answer);
		upstream.start();
		emulator = SignalREmulator.builder()
			.port(0)
			.keepAliveInterval(Duration.ofMillis(1))
			.upstream("http://127.0.0.1:" + upstream.getAddress().getPort() + "/upstream/{hub}/{category}/{event}")
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
		upstream.stop(0);
	}

	@Test
	void aCleanCloseUnderWritesIsADisconnectWithoutError() throws Exception {
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < CONNECTIONS; i++) {
			String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), "u" + i);
			HubConnection connection = HubConnectionBuilder.create(emulator.clientUrl("chat"))
				.withAccessTokenProvider(Single.defer(() -> Single.just(token)))
				.build();
			connection.start().blockingAwait(10, TimeUnit.SECONDS);
			connection.stop().blockingAwait(10, TimeUnit.SECONDS);
			String body = disconnects.poll(10, TimeUnit.SECONDS);
			assertThat(body).as("the disconnected event of connection %d", i).isNotNull();
			bodies.add(body);
		}
		assertThat(bodies).as("disconnected bodies").hasSize(CONNECTIONS).allMatch("{\"Type\":11}"::equals);
	}

	private static void answer(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		if ("disconnected".equals(exchange.getRequestHeaders().getFirst("X-ASRS-Event"))) {
			disconnects.add(new String(body, StandardCharsets.UTF_8));
		}
		exchange.sendResponseHeaders(200, -1);
		exchange.close();
	}

}
