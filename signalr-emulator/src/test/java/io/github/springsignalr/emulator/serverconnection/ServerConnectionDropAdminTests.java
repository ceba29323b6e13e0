package io.github.springsignalr.emulator.serverconnection;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.RestCalls;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;
import io.github.springsignalr.service.protocol.ConnectionDataMessage;
import io.github.springsignalr.service.protocol.HandshakeRequestMessage;
import io.github.springsignalr.service.protocol.OpenConnectionMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /admin/server-connections/drop?hub=…&count=…}: as many of the hub's server connections as asked are
 * dropped and the others kept; a dropped connection's clients are closed with an error, so that an invocation they
 * had in flight fails on the client instead of waiting for ever; bad requests get 4xx. And, on an emulator that drops
 * server connections on a key regeneration, only those the regenerated key signed go.
 */
class ServerConnectionDropAdminTests {

	private static SignalREmulator emulator;

	private final List<TestServer> servers = new ArrayList<>();

	private HubConnection client;

	@BeforeAll
	static void start() {
		emulator = SignalREmulator.builder().port(0).build().start();
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@AfterEach
	void disconnect() {
		if (this.client != null) {
			this.client.stop().blockingAwait(5, TimeUnit.SECONDS);
		}
		this.servers.forEach(TestServer::close);
	}

	@Test
	void dropsAsManyAsAskedAndKeepsTheOthers() throws Exception {
		for (int i = 0; i < 3; i++) {
			handshaken("three", "server-" + i);
		}
		await().until(() -> emulator.serverConnectionCount("three") == 3);
		HttpResponse<String> dropped = admin("POST", "/admin/server-connections/drop?hub=Three&count=2", null);
		assertThat(dropped.statusCode()).isEqualTo(200);
		assertThat(dropped.body()).contains("\"dropped\":2").contains("\"hub\":\"three\"");
		await().until(() -> emulator.serverConnectionCount("three") == 1);
		await().until(() -> this.servers.stream().filter((server) -> server.closed.isDone()).count() == 2);
		Thread.sleep(500);
		assertThat(this.servers.stream().filter((server) -> server.closed.isDone())).hasSize(2);
		assertThat(admin("POST", "/admin/server-connections/drop?hub=three&count=5", null).body())
			.contains("\"dropped\":1");
		await().until(() -> emulator.serverConnectionCount("three") == 0);
		assertThat(admin("POST", "/admin/server-connections/drop?hub=three", null).body()).contains("\"dropped\":0");
	}

	@Test
	void aDroppedConnectionsClientsAreClosedWithAnErrorAndTheirPendingInvocationsFail() throws Exception {
		TestServer server = handshaken("pending", "server-pending");
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("pending"), "ann");
		this.client = HubConnectionBuilder.create(emulator.clientUrl("pending"))
			.withAccessTokenProvider(Single.defer(() -> Single.just(token)))
			.build();
		AtomicReference<Exception> closedWith = new AtomicReference<>();
		this.client.onClosed(closedWith::set);
		CompletableFuture<Void> started = CompletableFuture
			.runAsync(() -> this.client.start().blockingAwait(10, TimeUnit.SECONDS));
		OpenConnectionMessage open = server.next(OpenConnectionMessage.class);
		server.next(ConnectionDataMessage.class);
		server.send(new ConnectionDataMessage(open.connectionId(), "{}\u001e".getBytes(StandardCharsets.UTF_8)));
		started.get(10, TimeUnit.SECONDS);
		CompletableFuture<String> answer = new CompletableFuture<>();
		this.client.invoke(String.class, "echo", "never answered")
			.subscribe(answer::complete, answer::completeExceptionally);
		await().until(() -> server.received.stream()
			.anyMatch((message) -> message instanceof ConnectionDataMessage data
					&& new String(data.payload(), StandardCharsets.UTF_8).contains("never answered")));

		assertThat(emulator.dropServerConnections("pending", 1)).isEqualTo(1);

		await().atMost(Duration.ofSeconds(10)).until(answer::isDone);
		assertThat(answer).isCompletedExceptionally();
		await().until(() -> this.client.getConnectionState() == HubConnectionState.DISCONNECTED);
		assertThat(closedWith.get()).as("the close the client got").isNotNull();
		assertThat(closedWith.get().getMessage()).contains("connection to the service was lost");
		assertThat(emulator.connectionIds("pending")).doesNotContain(open.connectionId());
	}

	@Test
	void withDropOnRegenerationOnlyTheConnectionsTheRegeneratedKeySignedAreDropped() throws Exception {
		try (SignalREmulator dropping = SignalREmulator.builder()
			.port(0)
			.dropServerConnectionsOnKeyRegeneration(true)
			.build()
			.start()) {
			TestServer onPrimary = handshaken(dropping, KeyType.PRIMARY, "rotating", "server-primary");
			TestServer onSecondary = handshaken(dropping, KeyType.SECONDARY, "rotating", "server-secondary");
			await().until(() -> dropping.serverConnectionCount("rotating") == 2);
			dropping.regenerateKey(KeyType.PRIMARY);
			assertThat(onPrimary.closed.get(10, TimeUnit.SECONDS)).isNotNull();
			await().until(() -> dropping.serverConnectionCount("rotating") == 1);
			Thread.sleep(500);
			assertThat(onSecondary.closed).as("signed with the key that was not regenerated").isNotDone();
			// The admin API's regeneration, as az signalr key renew, does the same.
			HttpResponse<String> renewed = RestCalls.send(HttpRequest
				.newBuilder(URI.create(dropping.endpoint() + "/admin/keys/secondary/regenerate"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build());
			assertThat(renewed.statusCode()).isEqualTo(200);
			assertThat(onSecondary.closed.get(10, TimeUnit.SECONDS)).isNotNull();
		}
	}

	@Test
	void refusesWhatIsNotADrop() {
		assertThat(admin("GET", "/admin/server-connections/drop?hub=chat", null).statusCode()).isEqualTo(405);
		assertThat(admin("POST", "/admin/server-connections/drop", null).statusCode()).isEqualTo(400);
		assertThat(admin("POST", "/admin/server-connections/drop?hub=no%20hub", null).statusCode()).isEqualTo(400);
		assertThat(admin("POST", "/admin/server-connections/drop?hub=chat&count=0", null).statusCode())
			.isEqualTo(400);
		assertThat(admin("POST", "/admin/server-connections/drop?hub=chat&count=x", null).statusCode())
			.isEqualTo(400);
		assertThat(admin("POST", "/admin/server-connections/drop?hub=chat", "http://evil.example").statusCode())
			.isEqualTo(403);
	}

	private TestServer handshaken(String hub, String serverId) throws Exception {
		return handshaken(emulator, KeyType.PRIMARY, hub, serverId);
	}

	private TestServer handshaken(SignalREmulator service, KeyType key, String hub, String serverId)
			throws Exception {
		String token = TestServer.token(service.accessKey(key), "http://localhost/server/?hub=" + hub, serverId);
		TestServer server = TestServer.connect(service.endpoint(), hub, token);
		this.servers.add(server);
		assertThat(server.handshake(new HandshakeRequestMessage(1)).isSuccess()).isTrue();
		return server;
	}

	private static HttpResponse<String> admin(String method, String path, String origin) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (origin != null) {
			request.header("Origin", origin);
		}
		return RestCalls.send(request.build());
	}

}
