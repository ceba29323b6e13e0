package io.github.springsignalr.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
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

import io.github.springsignalr.emulator.auth.KeyRing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The official Java client, {@code com.microsoft.signalr}, unchanged: it negotiates at the client URL the service
 * hands out, opens the WebSocket with the token in its header, and receives what the REST API sends.
 */
class JavaClientTests {

	private static SignalREmulator emulator;

	private static RestCalls rest;

	private final List<HubConnection> connections = new ArrayList<>();

	@BeforeAll
	static void start() {
		emulator = SignalREmulator.builder().port(0).build().start();
		rest = new RestCalls(emulator);
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@AfterEach
	void disconnect() {
		this.connections.forEach((connection) -> connection.stop().blockingAwait(5, TimeUnit.SECONDS));
	}

	@Test
	void receivesBroadcastSentThroughRestApi() throws InterruptedException {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		HubConnection connection = connect("chat", "alice", received);
		HttpResponse<String> response = rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01",
				"{\"target\":\"newMessage\",\"arguments\":[\"hello everyone\"]}");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello everyone");
		assertThat(connection.getConnectionState()).isEqualTo(HubConnectionState.CONNECTED);
	}

	@Test
	void receivesMessageSentToItsUser() throws InterruptedException {
		BlockingQueue<String> alice = new LinkedBlockingQueue<>();
		BlockingQueue<String> bob = new LinkedBlockingQueue<>();
		connect("chat", "alice", alice);
		connect("chat", "bob", bob);
		HttpResponse<String> response = rest.call("POST", "/api/v1/hubs/chat/users/bob",
				"{\"Target\":\"newMessage\",\"Arguments\":[\"just for bob\"]}");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(bob.poll(5, TimeUnit.SECONDS)).isEqualTo("just for bob");
		assertThat(alice.poll(300, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void receivesMessageSentToItsGroup() throws InterruptedException {
		BlockingQueue<String> member = new LinkedBlockingQueue<>();
		BlockingQueue<String> outsider = new LinkedBlockingQueue<>();
		HubConnection joined = connect("chat", "carol", member);
		connect("chat", "dave", outsider);
		assertThat(rest.call("PUT", "/api/hubs/chat/groups/team/connections/" + joined.getConnectionId()
				+ "?api-version=2022-06-01", null)
			.statusCode()).isEqualTo(200);
		HttpResponse<String> response = rest.call("POST", "/api/hubs/chat/groups/team/:send?api-version=2022-06-01",
				"{\"target\":\"newMessage\",\"arguments\":[\"team only\"]}");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(member.poll(5, TimeUnit.SECONDS)).isEqualTo("team only");
		assertThat(outsider.poll(300, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void refusesTokenSignedWithAnotherKey() {
		String token = Tokens.client(KeyRing.generateKey(), emulator.clientAudience("chat"), "mallory");
		assertRefused("chat", token);
	}

	@Test
	void refusesExpiredToken() {
		String token = Tokens.sign(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), "late",
				Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
		assertRefused("chat", token);
	}

	@Test
	void refusesTokenForAnotherHub() {
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("other"), "eve");
		assertRefused("chat", token);
	}

	@Test
	void refusesTokenForAnotherHost() {
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY),
				"http://example.service.signalr.net/client/?hub=chat", "eve");
		assertRefused("chat", token);
	}

	@Test
	void acceptsTokenSignedWithSecondaryKey() throws InterruptedException {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		String token = Tokens.client(emulator.accessKey(KeyType.SECONDARY), emulator.clientAudience("Chat"), "sam");
		HubConnection connection = connectWith("Chat", token, received);
		assertThat(rest.call("POST", "/api/hubs/chat/connections/" + connection.getConnectionId()
				+ "/:send?api-version=2022-06-01", "{\"target\":\"newMessage\",\"arguments\":[\"direct\"]}")
			.statusCode()).isEqualTo(202);
		assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("direct");
	}

	private HubConnection connect(String hub, String userId, BlockingQueue<String> received) {
		return connectWith(hub, Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience(hub), userId),
				received);
	}

	private HubConnection connectWith(String hub, String token, BlockingQueue<String> received) {
		HubConnection connection = build(hub, token);
		connection.on("newMessage", received::add, String.class);
		connection.start().blockingAwait(10, TimeUnit.SECONDS);
		this.connections.add(connection);
		await().until(() -> emulator.connectionIds(hub).contains(connection.getConnectionId()));
		return connection;
	}

	private static HubConnection build(String hub, String token) {
		return HubConnectionBuilder.create(emulator.clientUrl(hub))
			.withAccessTokenProvider(Single.defer(() -> Single.just(token)))
			.build();
	}

	private static void assertRefused(String hub, String token) {
		HubConnection connection = build(hub, token);
		assertThatThrownBy(() -> connection.start().blockingAwait(10, TimeUnit.SECONDS)).hasMessageContaining("401");
		assertThat(connection.getConnectionState()).isEqualTo(HubConnectionState.DISCONNECTED);
	}

}
