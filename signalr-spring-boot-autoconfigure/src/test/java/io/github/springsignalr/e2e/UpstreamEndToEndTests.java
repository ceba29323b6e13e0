package io.github.springsignalr.e2e;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubException;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.github.springsignalr.upstream.InvocationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Serverless event handlers end to end: the emulated service posts its upstream requests to the application, whose
 * {@link ChatEvents} methods receive the connection events and the official Java client's invocations, and answer
 * them. Requests made by hand with the JDK's HTTP client show what is refused: a forged, missing or truncated
 * signature, and a genuine request replayed to another hub.
 */
@SpringBootTest(classes = { ChatApplication.class, ChatEvents.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off",
				"logging.level.io.github.springsignalr.upstream.internal.UpstreamRequestHandler=debug" })
@AutoConfigureSignalREmulator(upstream = "/signalr/upstream/{hub}/{category}/{event}")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest
class UpstreamEndToEndTests {

	@Autowired
	private SignalREmulator service;

	@Autowired
	private ConfigurableApplicationContext app;

	private String appUrl;

	private HubConnection client;

	@BeforeEach
	void appUrl() {
		this.appUrl = ChatApplication.url(this.app);
	}

	@AfterEach
	void disconnect() {
		if (this.client != null) {
			this.client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void listenersReceiveConnectionEventsAndInvocationsAndResultsReachTheClient() throws Exception {
		ChatEvents events = app.getBean(ChatEvents.class);
		this.client = connect(appUrl, "alice");
		String connectionId = this.client.getConnectionId();

		InvocationContext connected = events.next("connected", connectionId);
		assertThat(connected).as("the connected event").isNotNull();
		assertThat(connected.hub()).isEqualTo("chat");
		assertThat(connected.category()).isEqualTo("connections");
		assertThat(connected.userId()).isEqualTo("alice");
		assertThat(connected.query()).containsEntry("hub", "chat").doesNotContainKey("access_token");
		assertThat(connected.headers()).containsKey("x-asrs-hub").doesNotContainKey("X-ASRS-Signature");

		assertThat(this.client.invoke(String.class, "echo", "hello").blockingGet()).isEqualTo("hello!");
		InvocationContext message = events.next("echo", connectionId);
		assertThat(message).as("the echo invocation").isNotNull();
		assertThat(message.category()).isEqualTo("messages");
		assertThat(message.userId()).isEqualTo("alice");
		assertThat(this.client.invoke(Integer.class, "add", 2, 3).blockingGet()).isEqualTo(5);
		assertThat(this.client.invoke(Integer.class, "ADD", 4, 5).blockingGet()).as("targets in any case").isEqualTo(9);

		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> this.client.invoke("refuse", "no room").blockingAwait(10, TimeUnit.SECONDS))
			.withMessageContaining("refused: no room");
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> this.client.invoke("explode").blockingAwait(10, TimeUnit.SECONDS))
			.withMessageContaining("An unexpected error occurred invoking 'explode'")
			.withMessageNotContaining(ChatEvents.SERVER_DETAIL);
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> this.client.invoke("missing").blockingAwait(10, TimeUnit.SECONDS))
			.withMessageContaining("Method does not exist");

		this.client.stop().blockingAwait(10, TimeUnit.SECONDS);
		this.client = null;
		InvocationContext disconnected = events.next("disconnected", connectionId);
		assertThat(disconnected).as("the disconnected event").isNotNull();
		assertThat(disconnected.error()).isNull();
	}

	@Test
	void genuineRequestIsAcceptedWithEitherKeyAndAnythingElseIsRefused(CapturedOutput output) throws Exception {
		ChatEvents events = app.getBean(ChatEvents.class);
		this.client = connect(appUrl, "bob");
		String connectionId = this.client.getConnectionId();
		assertThat(events.next("connected", connectionId)).isNotNull();
		String primary = service.accessKey(KeyType.PRIMARY);
		String secondary = service.accessKey(KeyType.SECONDARY);

		// The service's own request, as the emulator signs it (both keys), and signed with the application's key alone.
		HttpResponse<String> genuine = UpstreamRequest.echo("chat", connectionId, "bob").signedWith(primary, secondary)
			.send(appUrl);
		assertThat(genuine.statusCode()).isEqualTo(200);
		assertThat(genuine.body()).contains("\"invocationId\":\"42\"").contains("\"result\":\"replayed!\"");
		assertThat(UpstreamRequest.echo("chat", connectionId, "bob").signedWith(primary).send(appUrl).statusCode())
			.isEqualTo(200);
		// The application knows the key of its connection string only: the other one alone proves nothing to it.
		assertRefused(UpstreamRequest.echo("chat", connectionId, "bob").signedWith(secondary),
				"a key the app does not hold");

		String otherKey = "b3RoZXItcmVzb3VyY2Uta2V5LW5vdC1vdXJzLWF0LWFsbDA=";
		assertRefused(UpstreamRequest.echo("chat", connectionId, "bob").signedWith(otherKey),
				"a key of another resource");
		assertRefused(UpstreamRequest.echo("chat", connectionId, "bob")
			.header("X-ASRS-Signature", "sha256=" + "ab".repeat(32)), "a forged signature");
		assertRefused(UpstreamRequest.echo("chat", connectionId, "bob"), "no signature");
		assertRefused(
				UpstreamRequest.echo("chat", connectionId, "bob").signedWith(primary).header("X-ASRS-Signature", ""),
				"an empty signature");
		String whole = UpstreamRequest.echo("chat", connectionId, "bob").signedWith(primary, secondary)
			.header("X-ASRS-Signature");
		String first = whole.substring("sha256=".length(), "sha256=".length() + 64);
		assertRefused(UpstreamRequest.echo("chat", connectionId, "bob")
			.header("X-ASRS-Signature", "sha256=" + first.substring(0, 62)), "a signature short of one byte");
		assertRefused(UpstreamRequest.echo("chat", connectionId, "bob")
			.header("X-ASRS-Signature", "sha256=" + first.substring(0, 63)), "a signature short of one digit");
		assertRefused(UpstreamRequest.echo("chat", connectionId, "bob")
			.header("X-ASRS-Signature", "sha256=" + first.substring(0, 32)), "half a signature");
		assertRefused(UpstreamRequest.echo("chat", connectionId, "bob").header("X-ASRS-Signature", first),
				"a signature without its algorithm");
		assertRefused(UpstreamRequest.echo("chat", "another-connection", "bob").header("X-ASRS-Signature", whole),
				"a signature of another connection");
		assertRefused(UpstreamRequest.echo("chat", connectionId, "bob").signedWith(primary)
			.header("X-ASRS-Connection-Id", null), "no connection id");

		// The same genuine request replayed to another hub: the signature covers the connection id only.
		assertRefused(UpstreamRequest.echo("admin", connectionId, "bob").signedWith(primary, secondary),
				"a genuine signature replayed to another hub, headers rewritten");
		assertRefused(
				UpstreamRequest.echo("chat", connectionId, "bob").signedWith(primary, secondary).toUrlOfHub("admin"),
				"a genuine request copied to another hub's URL");
		// ... and as another user, or as none: the connection keeps the user id of its connected event.
		assertRefused(UpstreamRequest.echo("chat", connectionId, "mallory").signedWith(primary, secondary),
				"a genuine signature replayed with another user id");
		assertRefused(UpstreamRequest.echo("chat", connectionId, null).signedWith(primary, secondary),
				"a genuine signature replayed without the user id");
		assertThat(events.anyFor("admin")).as("an event reached the other hub's method").isFalse();

		assertThat(output.getAll()).contains("Refused an upstream request to /signalr/upstream/admin/messages/echo")
			.doesNotContain(UpstreamRequest.FUNCTION_KEY)
			.doesNotContain(first.toLowerCase(Locale.ROOT))
			.doesNotContain(first.toUpperCase(Locale.ROOT));
		LogScan.assertNoSecrets(output.getAll(), List.of(primary, secondary));
	}

	@Test
	void invocationsRoundTripThroughTheUpstream() {
		this.client = connect(appUrl, "frank");
		int count = 200;
		long[] nanos = new long[count];
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			assertThat(this.client.invoke(String.class, "echo", "n" + i).blockingGet()).isEqualTo("n" + i + "!");
			nanos[i] = System.nanoTime() - start;
		}
		java.util.Arrays.sort(nanos);
		System.out.printf("Upstream round trip (client, service, application, back), %d sequential invocations: "
				+ "median %.2f ms, p95 %.2f ms%n", count, nanos[count / 2] / 1e6, nanos[count * 95 / 100] / 1e6);
	}

	private void assertRefused(UpstreamRequest request, String what) throws Exception {
		HttpResponse<String> response = request.send(appUrl);
		assertThat(response.statusCode()).as(what).isEqualTo(401);
		assertThat(response.body()).as(what).isEmpty();
	}

	static HubConnection connect(String appUrl, String user) {
		HubConnection connection = HubConnectionBuilder.create(appUrl + "/chat")
			.withHeader(ChatApplication.USER_HEADER, user)
			.build();
		connection.start().blockingAwait(15, TimeUnit.SECONDS);
		return connection;
	}

}
