package io.github.springsignalr.emulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Regenerating a key, in code and through the admin API, as {@code az signalr key renew} does: tokens signed with
 * the old key are refused from then on, the other key keeps working, and open connections stay open.
 */
class KeyRotationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private SignalREmulator emulator;

	private RestCalls rest;

	@BeforeEach
	void start() {
		this.emulator = SignalREmulator.builder().port(0).build().start();
		this.rest = new RestCalls(this.emulator);
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void regeneratedPrimaryRefusesOldTokensKeepsSecondaryAndOpenConnections() throws InterruptedException {
		String oldPrimary = this.emulator.accessKey(KeyType.PRIMARY);
		String secondary = this.emulator.accessKey(KeyType.SECONDARY);
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		HubConnection open = connect(oldPrimary, received);
		open.start().blockingAwait(10, TimeUnit.SECONDS);
		await().until(() -> this.emulator.connectionCount("chat") == 1);

		String newPrimary = this.emulator.regenerateKey(KeyType.PRIMARY);

		assertThat(newPrimary).isNotEqualTo(oldPrimary).matches("[A-Za-z0-9+/]{43}=");
		assertThat(this.emulator.accessKey(KeyType.SECONDARY)).isEqualTo(secondary);
		HubConnection withOldKey = connect(oldPrimary, new LinkedBlockingQueue<>());
		assertThatThrownBy(() -> withOldKey.start().blockingAwait(10, TimeUnit.SECONDS)).hasMessageContaining("401");
		assertThat(this.rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01", message("x"),
				Tokens.rest(oldPrimary, "http://localhost/api/hubs/chat/:send"))
			.statusCode()).isEqualTo(401);

		HubConnection withSecondary = connect(secondary, new LinkedBlockingQueue<>());
		withSecondary.start().blockingAwait(10, TimeUnit.SECONDS);
		HubConnection withNewPrimary = connect(newPrimary, new LinkedBlockingQueue<>());
		withNewPrimary.start().blockingAwait(10, TimeUnit.SECONDS);
		assertThat(this.rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01", message("after"),
				Tokens.rest(secondary, "http://localhost/api/hubs/chat/:send"))
			.statusCode()).isEqualTo(202);

		assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("after");
		assertThat(open.getConnectionState()).isEqualTo(HubConnectionState.CONNECTED);
		open.stop().blockingAwait(5, TimeUnit.SECONDS);
		withSecondary.stop().blockingAwait(5, TimeUnit.SECONDS);
		withNewPrimary.stop().blockingAwait(5, TimeUnit.SECONDS);
	}

	@Test
	void regeneratedSecondaryRefusesItsOldTokens() {
		String oldSecondary = this.emulator.accessKey(KeyType.SECONDARY);
		this.emulator.regenerateKey(KeyType.SECONDARY);
		assertThat(this.rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01", message("x"),
				Tokens.rest(oldSecondary, "http://localhost/api/hubs/chat/:send"))
			.statusCode()).isEqualTo(401);
		assertThat(this.rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01", message("x")).statusCode())
			.isEqualTo(202);
	}

	@Test
	void adminApiListsAndRegeneratesKeys() {
		HttpResponse<String> list = admin("GET", "/admin/keys", null);
		assertThat(list.statusCode()).isEqualTo(200);
		JsonNode keys = json.readTree(list.body());
		assertThat(keys.get("primaryKey").asString()).isEqualTo(this.emulator.accessKey(KeyType.PRIMARY));
		assertThat(keys.get("secondaryConnectionString").asString())
			.isEqualTo(this.emulator.secondaryConnectionString());

		HttpResponse<String> renewed = admin("POST", "/admin/keys/primary/regenerate", null);
		assertThat(renewed.statusCode()).isEqualTo(200);
		JsonNode after = json.readTree(renewed.body());
		assertThat(after.get("primaryKey").asString()).isNotEqualTo(keys.get("primaryKey").asString())
			.isEqualTo(this.emulator.accessKey(KeyType.PRIMARY));
		assertThat(after.get("secondaryKey").asString()).isEqualTo(keys.get("secondaryKey").asString());
		assertThat(after.get("primaryConnectionString").asString()).isEqualTo(this.emulator.primaryConnectionString());

		assertThat(admin("POST", "/admin/keys/secondary/regenerate", null).statusCode()).isEqualTo(200);
		assertThat(this.emulator.accessKey(KeyType.SECONDARY)).isNotEqualTo(keys.get("secondaryKey").asString());
	}

	@Test
	void adminApiRefusesBrowsersAndUnknownRequests() {
		assertThat(admin("POST", "/admin/keys/primary/regenerate", "http://evil.example").statusCode())
			.isEqualTo(403);
		assertThat(admin("GET", "/admin/keys/primary/regenerate", null).statusCode()).isEqualTo(405);
		assertThat(admin("POST", "/admin/keys/tertiary/regenerate", null).statusCode()).isEqualTo(404);
		assertThat(admin("POST", "/admin/keys", null).statusCode()).isEqualTo(405);
	}

	@Test
	void connectionStringsHaveMicrosoftEmulatorForm() {
		assertThat(this.emulator.primaryConnectionString()).isEqualTo("Endpoint=http://localhost;Port="
				+ this.emulator.port() + ";AccessKey=" + this.emulator.accessKey(KeyType.PRIMARY) + ";Version=1.0;");
		assertThat(this.emulator.secondaryConnectionString())
			.contains("AccessKey=" + this.emulator.accessKey(KeyType.SECONDARY) + ";");
		assertThat(this.emulator.toString()).doesNotContain(this.emulator.accessKey(KeyType.PRIMARY))
			.doesNotContain(this.emulator.accessKey(KeyType.SECONDARY));
	}

	private HttpResponse<String> admin(String method, String path, String origin) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.emulator.endpoint() + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (origin != null) {
			request.header("Origin", origin);
		}
		return RestCalls.send(request.build());
	}

	private HubConnection connect(String key, BlockingQueue<String> received) {
		String token = Tokens.client(key, this.emulator.clientAudience("chat"), "rotating");
		HubConnection connection = HubConnectionBuilder.create(this.emulator.clientUrl("chat"))
			.withAccessTokenProvider(Single.defer(() -> Single.just(token)))
			.build();
		connection.on("newMessage", received::add, String.class);
		return connection;
	}

	private static String message(String text) {
		return "{\"target\":\"newMessage\",\"arguments\":[\"" + text + "\"]}";
	}

}
