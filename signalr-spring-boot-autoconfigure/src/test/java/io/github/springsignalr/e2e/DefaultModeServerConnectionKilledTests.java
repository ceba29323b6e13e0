package io.github.springsignalr.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.server.DefaultModeServer;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.upstream.SignalRMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One server connection killed under load (through the emulator's admin API), as the service drops one that fails:
 * its clients are closed with an error, so every invocation they had in flight fails to them with an error and none
 * is silently lost; the clients of the other connections are not touched; and the application connects again, within
 * the SDK's first back-off (1 s plus up to 999 ms of jitter), to the configured number of connections. Each client's
 * invocations are counted: sent, answered, errored, lost.
 */
@SpringBootTest(classes = { ChatApplication.class, DefaultModeServerConnectionKilledTests.SlowEcho.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.mode=default",
				"azure.signalr.server.connection-count=" + DefaultModeServerConnectionKilledTests.CONNECTIONS })
@AutoConfigureSignalREmulator
@EndToEndTest
class DefaultModeServerConnectionKilledTests {

	static final int CONNECTIONS = 3;

	/** With 3 connections chosen at random, 20 clients leave the killed one without a client once in ~3,000 runs. */
	private static final int CLIENTS = 20;

	private static final int IN_FLIGHT_PER_CLIENT = 4;

	/** The SDK's first reconnect delay after a connection that was up: 1 s plus up to 999 ms of jitter. */
	private static final Duration FIRST_BACK_OFF = Duration.ofMillis(1999);

	@Autowired
	private SignalREmulator service;

	@Autowired
	private DefaultModeServer server;

	@LocalServerPort
	private int port;

	@Test
	void everyInvocationInFlightIsAnsweredOrFailsToItsClientAndTheConnectionComesBack() throws Exception {
		await().atMost(Duration.ofSeconds(30)).until(() -> connected() == CONNECTIONS);
		String appUrl = "http://localhost:" + this.port;
		AtomicBoolean running = new AtomicBoolean(true);
		List<InvocationCounts> counts = new ArrayList<>();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			InvocationCounts clientCounts = new InvocationCounts();
			counts.add(clientCounts);
			String user = "user-" + i;
			Thread worker = new Thread(() -> invoke(appUrl, user, clientCounts, running), "invoker-" + i);
			worker.setDaemon(true);
			workers.add(worker);
			worker.start();
		}
		Duration reconnected;
		try {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> counts.stream().allMatch((c) -> c.answered.get() > 10));
			HttpResponse<String> killed = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(this.service.endpoint()
						+ "/admin/server-connections/drop?hub=chat&count=1"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
			long killedAt = System.nanoTime();
			assertThat(killed.body()).contains("\"dropped\":1");
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> connected() < CONNECTIONS);
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> connected() == CONNECTIONS && this.service.serverConnectionCount("chat") == CONNECTIONS);
			reconnected = Duration.ofNanos(System.nanoTime() - killedAt);
			// The load goes on over the new connection too.
			Thread.sleep(2000);
		}
		finally {
			running.set(false);
			for (Thread worker : workers) {
				worker.join(TimeUnit.SECONDS.toMillis(30));
			}
		}
		InvocationCounts total = new InvocationCounts();
		for (InvocationCounts c : counts) {
			total.sent.addAndGet(c.sent.get());
			total.answered.addAndGet(c.answered.get());
			total.errored.addAndGet(c.errored.get());
			total.wrong.addAndGet(c.wrong.get());
			total.closes.addAndGet(c.closes.get());
		}
		System.out.println("Server connection killed under load: reconnected to " + CONNECTIONS + " in "
				+ reconnected.toMillis() + " ms; all clients: " + total);
		for (int i = 0; i < counts.size(); i++) {
			if (counts.get(i).closes.get() > 0) {
				System.out.println("Server connection killed under load: client " + i + " (dropped): " + counts.get(i));
			}
		}
		assertThat(counts).as("per client: none lost, none answered wrongly").allSatisfy((c) -> {
			assertThat(c.lost()).as("lost, %s", c).isZero();
			assertThat(c.wrong.get()).as("answered wrongly, %s", c).isZero();
		});
		assertThat(total.closes.get()).as("clients the killed connection carried, closed by the service").isPositive();
		assertThat(counts).as("clients of the other connections are untouched")
			.anySatisfy((c) -> assertThat(c.closes.get()).isZero());
		assertThat(counts).as("errors only where the service closed the client")
			.allSatisfy((c) -> assertThat(c.errored.get() == 0 || c.closes.get() > 0).as("%s", c).isTrue());
		// Loose on a shared machine: the first back-off plus time to connect and shake hands.
		assertThat(reconnected).as("back to %d connections", CONNECTIONS)
			.isLessThan(FIRST_BACK_OFF.plusSeconds(8));
	}

	/**
	 * One client's loop: up to a few invocations in flight, each counted when it is sent and again when it ends;
	 * when the service closes the client, its in-flight invocations must each end (with an error), and a new client
	 * takes over.
	 */
	private static void invoke(String appUrl, String user, InvocationCounts counts, AtomicBoolean running) {
		Semaphore inFlight = new Semaphore(IN_FLIGHT_PER_CLIENT);
		HubConnection client = null;
		long n = 0;
		try {
			while (running.get()) {
				if (client == null || client.getConnectionState() != HubConnectionState.CONNECTED) {
					if (client != null) {
						counts.closes.incrementAndGet();
						client.stop().blockingAwait(5, TimeUnit.SECONDS);
					}
					client = UpstreamEndToEndTests.connect(appUrl, user);
					continue;
				}
				if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
					continue;
				}
				String text = user + "-" + (n++);
				try {
					client.invoke(String.class, "slowEcho", text).subscribe((result) -> {
						(result.equals(text + "!") ? counts.answered : counts.wrong).incrementAndGet();
						inFlight.release();
					}, (error) -> {
						counts.errored.incrementAndGet();
						inFlight.release();
					});
					counts.sent.incrementAndGet();
				}
				catch (RuntimeException ex) {
					// Not sent: the client was closed in between, and said so at once.
					inFlight.release();
				}
			}
			// The last invocations end, one way or the other, or are lost.
			inFlight.tryAcquire(IN_FLIGHT_PER_CLIENT, 20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (client != null) {
				client.stop().blockingAwait(5, TimeUnit.SECONDS);
			}
		}
	}

	private int connected() {
		return this.server.connectedCounts().values().stream().mapToInt((hubs) -> hubs.getOrDefault("chat", 0)).sum();
	}

	/**
	 * An echo that takes a little while, so that each client has invocations in flight when the connection goes.
	 */
	static class SlowEcho {

		@SignalRMessage(hub = "chat")
		String slowEcho(String text) throws InterruptedException {
			Thread.sleep(20);
			return text + "!";
		}

	}

}
