package io.github.springsignalr.emulator.serverconnection;

import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
import io.github.springsignalr.service.protocol.AckMessage;
import io.github.springsignalr.service.protocol.BroadcastDataMessage;
import io.github.springsignalr.service.protocol.CloseConnectionMessage;
import io.github.springsignalr.service.protocol.ConnectionDataMessage;
import io.github.springsignalr.service.protocol.GroupBroadcastDataMessage;
import io.github.springsignalr.service.protocol.HandshakeRequestMessage;
import io.github.springsignalr.service.protocol.HandshakeResponseMessage;
import io.github.springsignalr.service.protocol.JoinGroupWithAckMessage;
import io.github.springsignalr.service.protocol.MultiConnectionDataMessage;
import io.github.springsignalr.service.protocol.OpenConnectionMessage;
import io.github.springsignalr.service.protocol.OpenConnectionMessage.Claim;
import io.github.springsignalr.service.protocol.PingMessage;
import io.github.springsignalr.service.protocol.UserDataMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Server connections of default mode against the emulator: a small application server on the shared codec
 * ({@link TestServer}) and the official Java client as the hub's client, over real sockets.
 */
class ServerConnectionTests {

	private static final byte RS = 0x1e;

	private static SignalREmulator emulator;

	private final List<TestServer> servers = new ArrayList<>();

	private final List<HubConnection> clients = new ArrayList<>();

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
		this.clients.forEach((client) -> client.stop().blockingAwait(5, TimeUnit.SECONDS));
		this.servers.forEach(TestServer::close);
	}

	@Test
	void aServerTokenAsTheSdkWritesItIsAcceptedAndTheHandshakeAnswered() throws Exception {
		TestServer server = connect("chat", serverToken("chat", "server-1"));
		HandshakeResponseMessage response = server.handshake(new HandshakeRequestMessage(1));
		assertThat(response.isSuccess()).isTrue();
	}

	@Test
	void anotherProtocolVersionIsRefusedAndTheServerDropped() throws Exception {
		TestServer server = connect("chat", serverToken("chat", "server-1"));
		HandshakeResponseMessage response = server.handshake(new HandshakeRequestMessage(2));
		assertThat(response.errorMessage()).isEqualTo("Version mismatch.");
		assertThat(server.closed.get(10, TimeUnit.SECONDS)).isNotNull();
	}

	@Test
	void aFirstMessageOtherThanTheHandshakeDropsTheServer() throws Exception {
		TestServer server = connect("chat", serverToken("chat", "server-1"));
		server.send(PingMessage.KEEP_ALIVE);
		assertThat(server.closed.get(10, TimeUnit.SECONDS)).isNotNull();
		assertThat(server.received).isEmpty();
	}

	@Test
	void aClientTokenAnotherHubsTokenATokenWithoutServerIdAndAnotherKeyAreRefusedAtTheUpgrade() {
		String key = emulator.accessKey(KeyType.PRIMARY);
		assertRefused("chat", Tokens.client(key, emulator.clientAudience("chat"), "alice"));
		assertRefused("chat", serverToken("other", "server-1"));
		assertRefused("chat", TestServer.token(key, serverAudience("chat"), null));
		assertRefused("chat", TestServer.token("x".repeat(43) + "=", serverAudience("chat"), "server-1"));
	}

	@Test
	void theEmulatorPingsAServer() throws Exception {
		TestServer server = handshaken("chat");
		assertThat(server.pings.poll(12, TimeUnit.SECONDS)).isNotNull();
	}

	@Test
	void aGracefulShutdownIsAnsweredWithFinAck() throws Exception {
		TestServer server = handshaken("chat");
		server.send(PingMessage.of("shutdown", "fin:2"));
		PingMessage answer = server.next(PingMessage.class);
		assertThat(answer.value("shutdown")).contains("finack");
	}

	@Test
	void aClientIsOpenedWithItsClaimsAndQueryItsHandshakeForwardedAndItsInvocationAnswered() throws Exception {
		TestServer server = handshaken("echo");
		Client client = startClient("echo", "alice");
		OpenConnectionMessage open = server.next(OpenConnectionMessage.class);
		assertThat(open.claims()).contains(new Claim("asrs.s.uid", "alice"));
		assertThat(open.protocol()).isEqualTo("json");
		assertThat(open.header("Authorization")).isEmpty();
		assertThat(open.queryString()).contains("id=");
		ConnectionDataMessage handshake = server.next(ConnectionDataMessage.class);
		assertThat(handshake.connectionId()).isEqualTo(open.connectionId());
		assertThat(text(handshake.payload())).isEqualTo("{\"protocol\":\"json\",\"version\":1}\u001e");
		server.send(new ConnectionDataMessage(open.connectionId(), "{}\u001e".getBytes(StandardCharsets.UTF_8)));
		client.started.get(10, TimeUnit.SECONDS);
		Single<String> result = client.connection.invoke(String.class, "echo", "hello");
		ConnectionDataMessage invocation = nextData(server, open.connectionId(), "\"target\":\"echo\"");
		String id = text(invocation.payload()).replaceAll(".*\"invocationId\":\"([^\"]+)\".*", "$1").trim();
		server.send(new ConnectionDataMessage(open.connectionId(),
				("{\"type\":3,\"invocationId\":\"" + id + "\",\"result\":\"hello back\"}\u001e")
					.getBytes(StandardCharsets.UTF_8)));
		assertThat(result.blockingGet()).isEqualTo("hello back");
	}

	@Test
	void aServersMessagesReachTheClientsTheyNameAndGroupChangesAreAcked() throws Exception {
		TestServer server = handshaken("news");
		Client alice = open(server, "news", "alice");
		Client bob = open(server, "news", "bob");
		server.send(new BroadcastDataMessage(List.of(bob.id), payloads("all", "to everyone but bob")));
		assertThat(alice.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("to everyone but bob");
		server.send(new UserDataMessage("bob", payloads("all", "to bob")));
		assertThat(bob.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("to bob");
		server.send(new MultiConnectionDataMessage(List.of(alice.id), payloads("all", "to alice's connection")));
		assertThat(alice.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("to alice's connection");

		server.send(new JoinGroupWithAckMessage(bob.id, "readers", 7));
		AckMessage ack = nextOf(server, AckMessage.class);
		assertThat(ack.ackId()).isEqualTo(7);
		assertThat(ack.status()).isEqualTo(AckMessage.OK);
		server.send(new GroupBroadcastDataMessage("readers", List.of(), payloads("all", "to readers"), List.of()));
		assertThat(bob.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("to readers");
		assertThat(alice.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();

		server.send(new JoinGroupWithAckMessage("no-such-connection", "readers", 8));
		assertThat(nextOf(server, AckMessage.class).status()).isEqualTo(AckMessage.NOT_FOUND);
	}

	@Test
	void theRestApiStillReachesAClientOfAServer() throws Exception {
		TestServer server = handshaken("mixed");
		Client alice = open(server, "mixed", "alice");
		assertThat(new RestCalls(emulator).call("POST", "/api/hubs/mixed/:send?api-version=2022-06-01",
				"{\"target\":\"all\",\"arguments\":[\"over REST\"]}").statusCode()).isEqualTo(202);
		assertThat(alice.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("over REST");
	}

	@Test
	void aClientThatLeavesIsClosedOnItsServerAndAServerThatClosesAClientEndsIt() throws Exception {
		TestServer server = handshaken("leave");
		Client alice = open(server, "leave", "alice");
		alice.connection.stop().blockingAwait(10, TimeUnit.SECONDS);
		assertThat(nextOf(server, CloseConnectionMessage.class).connectionId()).isEqualTo(alice.id);

		Client bob = open(server, "leave", "bob");
		server.send(new CloseConnectionMessage(bob.id));
		await().until(() -> bob.connection.getConnectionState() == HubConnectionState.DISCONNECTED);
	}

	@Test
	void aServerConnectionThatGoesDropsItsClients() throws Exception {
		TestServer server = handshaken("drop");
		Client alice = open(server, "drop", "alice");
		server.close();
		await().until(() -> alice.connection.getConnectionState() == HubConnectionState.DISCONNECTED);
		assertThat(emulator.connectionIds("drop")).doesNotContain(alice.id);
	}

	@Test
	void aHubWithoutServerIsServedAsInServerlessMode() throws Exception {
		handshaken("withserver");
		Client client = startClient("withoutserver", "alice");
		client.started.get(10, TimeUnit.SECONDS);
		assertThat(client.connection.getConnectionState()).isEqualTo(HubConnectionState.CONNECTED);
	}

	private Client open(TestServer server, String hub, String userId) throws Exception {
		Client client = startClient(hub, userId);
		// Other clients' pings may come between.
		OpenConnectionMessage open = nextOf(server, OpenConnectionMessage.class);
		nextData(server, open.connectionId(), "\"protocol\"");
		server.send(new ConnectionDataMessage(open.connectionId(), "{}\u001e".getBytes(StandardCharsets.UTF_8)));
		client.started.get(10, TimeUnit.SECONDS);
		client.id = open.connectionId();
		assertThat(client.connection.getConnectionId()).isEqualTo(client.id);
		return client;
	}

	private static Map<String, byte[]> payloads(String target, String argument) {
		String json = "{\"type\":1,\"target\":\"" + target + "\",\"arguments\":[\"" + argument + "\"]}\u001e";
		return Map.of("json", json.getBytes(StandardCharsets.UTF_8));
	}

	private static ConnectionDataMessage nextData(TestServer server, String connectionId, String containing)
			throws InterruptedException {
		for (int i = 0; i < 10; i++) {
			ConnectionDataMessage data = nextOf(server, ConnectionDataMessage.class);
			if (data.connectionId().equals(connectionId) && text(data.payload()).contains(containing)) {
				return data;
			}
		}
		throw new AssertionError("No data containing " + containing);
	}

	private static <T> T nextOf(TestServer server, Class<T> type) throws InterruptedException {
		for (int i = 0; i < 10; i++) {
			Object message = server.next(10);
			if (type.isInstance(message)) {
				return type.cast(message);
			}
		}
		throw new AssertionError("No " + type.getSimpleName());
	}

	private Client startClient(String hub, String userId) {
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience(hub), userId);
		HubConnection connection = HubConnectionBuilder.create(emulator.clientUrl(hub))
			.withAccessTokenProvider(Single.defer(() -> Single.just(token)))
			.build();
		Client client = new Client(connection);
		connection.on("all", client.messages::add, String.class);
		this.clients.add(connection);
		client.started = CompletableFuture.runAsync(() -> connection.start().blockingAwait(10, TimeUnit.SECONDS));
		return client;
	}

	private TestServer handshaken(String hub) throws Exception {
		TestServer server = connect(hub, serverToken(hub, "server-" + hub));
		assertThat(server.handshake(new HandshakeRequestMessage(1)).isSuccess()).isTrue();
		return server;
	}

	private TestServer connect(String hub, String token) throws Exception {
		TestServer server = TestServer.connect(emulator.endpoint(), hub, token);
		this.servers.add(server);
		return server;
	}

	private static void assertRefused(String hub, String token) {
		assertThatThrownBy(() -> TestServer.connect(emulator.endpoint(), hub, token))
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(WebSocketHandshakeException.class)
			.satisfies((ex) -> assertThat(((WebSocketHandshakeException) ex).getResponse().statusCode())
				.isEqualTo(401));
	}

	private static String serverToken(String hub, String serverId) {
		return TestServer.token(emulator.accessKey(KeyType.PRIMARY), serverAudience(hub), serverId);
	}

	private static String serverAudience(String hub) {
		return "http://localhost/server/?hub=" + hub;
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static final class Client {

		final HubConnection connection;

		final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		CompletableFuture<Void> started;

		String id;

		Client(HubConnection connection) {
			this.connection = connection;
		}

	}

}
