package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.signalr.HubConnection;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.SignalRConnected;
import io.github.springsignalr.upstream.SignalRMessage;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application in default mode on one service (the emulator of this test's context): instance A
 * is closed (its Spring context, so its lifecycle stop and graceful shutdown) while its clients' invocations are in
 * flight. Every one of them is answered; while A drains, the service routes every new client, wherever it
 * negotiated, to B; once A's clients go, A ends with no server connection left, and B keeps serving.
 */
@SpringBootTest(classes = DefaultModeTwoInstancesShutdownTests.ServiceOnly.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "spring.main.banner-mode=off")
@AutoConfigureSignalREmulator
@EndToEndTest
class DefaultModeTwoInstancesShutdownTests {

	private static final int CLIENTS_ON_A = 6;

	private static final int NEW_CLIENTS = 6;

	/** Holds the slow invocations until the test lets them go; both instances share it. */
	private static volatile CountDownLatch release = new CountDownLatch(1);

	@Autowired
	private SignalREmulator service;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final List<HubConnection> clients = new ArrayList<>();

	@AfterEach
	void close() {
		release.countDown();
		this.clients.forEach((client) -> client.stop().blockingAwait(5, TimeUnit.SECONDS));
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void inFlightInvocationsAreAnsweredAndNewClientsGoToTheOtherInstanceWhileOneDrains() throws Exception {
		release = new CountDownLatch(1);
		ConfigurableApplicationContext a = start("A");
		String urlA = ChatApplication.url(a);
		InstanceHub hubA = a.getBean(InstanceHub.class);
		// Only A is connected yet: every client lands on it.
		List<HubConnection> onA = new ArrayList<>();
		for (int i = 0; i < CLIENTS_ON_A; i++) {
			HubConnection client = connect(urlA, "a" + i);
			assertThat(client.invoke(String.class, "whoami").blockingGet()).isEqualTo("A");
			assertThat(hubA.connected).contains(client.getConnectionId());
			onA.add(client);
		}
		ConfigurableApplicationContext b = start("B");
		String urlB = ChatApplication.url(b);
		InstanceHub hubB = b.getBean(InstanceHub.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.service.serverConnectionCount("chat") == 10);

		List<CompletableFuture<String>> answers = new ArrayList<>();
		for (int i = 0; i < CLIENTS_ON_A; i++) {
			Single<String> answer = onA.get(i).invoke(String.class, "slow", i);
			answers.add(answer.toCompletionStage().toCompletableFuture());
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> hubA.started.get() == CLIENTS_ON_A);

		long closeStarted = System.nanoTime();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(a::close);
		// The fin and its finack take a few milliseconds; A's lifecycle stop is the first of its context.
		Thread.sleep(1500);
		assertThat(closing).as("A drains while its clients are connected").isNotDone();
		assertThat(answers).as("the slow invocations are still held").noneMatch(CompletableFuture::isDone);

		List<HubConnection> newClients = new ArrayList<>();
		for (int i = 0; i < NEW_CLIENTS; i++) {
			// Half negotiate at A (its web server still serves during the drain), half at B.
			HubConnection client = connect((i % 2 == 0) ? urlA : urlB, "n" + i);
			assertThat(client.invoke(String.class, "whoami").blockingGet()).as("new client %d", i).isEqualTo("B");
			newClients.add(client);
		}
		assertThat(hubB.connected).containsAll(newClients.stream().map(HubConnection::getConnectionId).toList());
		assertThat(hubA.connected).doesNotContainAnyElementsOf(
				newClients.stream().map(HubConnection::getConnectionId).toList());
		assertThat(hubA.connected).hasSize(CLIENTS_ON_A);

		release.countDown();
		int answered = 0;
		int errors = 0;
		for (int i = 0; i < CLIENTS_ON_A; i++) {
			try {
				assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("A:" + i);
				answered++;
			}
			catch (Exception ex) {
				errors++;
			}
		}
		assertThat(answered).as("answered of %d sent (%d errors)", CLIENTS_ON_A, errors).isEqualTo(CLIENTS_ON_A);
		assertThat(closing).as("A still drains: its clients are still connected").isNotDone();

		onA.forEach((client) -> client.stop().blockingAwait(10, TimeUnit.SECONDS));
		closing.get(15, TimeUnit.SECONDS);
		long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStarted);
		assertThat(a.isActive()).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.service.serverConnectionCount("chat") == 5);
		assertThat(b.getBean(DefaultModeServer.class).connectedCounts().values())
			.allSatisfy((hubs) -> assertThat(hubs.get("chat")).isEqualTo(5));

		for (HubConnection client : newClients) {
			assertThat(client.invoke(String.class, "whoami").blockingGet()).isEqualTo("B");
		}
		HubConnection late = connect(urlB, "late");
		assertThat(late.invoke(String.class, "whoami").blockingGet()).isEqualTo("B");
		System.out.println("Two-instance shutdown: sent " + CLIENTS_ON_A + ", answered " + answered + ", errors "
				+ errors + "; " + NEW_CLIENTS + " new clients during the drain, all on B; A closed in " + drainMillis
				+ " ms");
	}

	private ConfigurableApplicationContext start(String name) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatApplication.class, InstanceHub.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off", "azure.signalr.mode=default",
					"azure.signalr.connection-string=" + this.service.primaryConnectionString(),
					"azure.signalr.server.graceful-shutdown-timeout=20s", "instance.name=" + name)
			.run();
		this.instances.add(context);
		DefaultModeServer server = context.getBean(DefaultModeServer.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> server.connectedCounts().values().stream().anyMatch((hubs) -> hubs.getOrDefault("chat", 0) == 5));
		return context;
	}

	private HubConnection connect(String url, String user) {
		HubConnection client = UpstreamEndToEndTests.connect(url, user);
		this.clients.add(client);
		return client;
	}

	/** The test's context: only the emulator. */
	@Configuration(proxyBeanMethods = false)
	static class ServiceOnly {

	}

	/** Hub {@code chat} of one instance: who answers, and a slow method. */
	static class InstanceHub {

		final String name;

		final Set<String> connected = ConcurrentHashMap.newKeySet();

		final AtomicInteger started = new AtomicInteger();

		InstanceHub(Environment environment) {
			this.name = environment.getRequiredProperty("instance.name");
		}

		@SignalRConnected(hub = "chat")
		void connected(InvocationContext context) {
			this.connected.add(context.connectionId());
		}

		@SignalRMessage(hub = "chat")
		String whoami() {
			return this.name;
		}

		@SignalRMessage(hub = "chat")
		String slow(int n) {
			this.started.incrementAndGet();
			try {
				release.await(15, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.name + ":" + n;
		}

	}

}
