package io.github.springsignalr.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.rest.ReactiveSignalRTemplate;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.LoadTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's two-key procedure, twice, on a WebFlux-only application whose connection string is a Key Vault
 * reference, while negotiations, client connections and {@link ReactiveSignalRTemplate} sends run (a smaller load
 * than the Spring MVC test's) — and not one of them fails; BlockHound watching the event loops throughout.
 */
@ExtendWith(BlockingCalls.class)
@SpringBootTest(classes = ReactiveChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", "azure.signalr.key-vault.refresh-interval=500ms",
				"azure.signalr.access-token-lifetime=4s" })
@AutoConfigureSignalREmulator(keyVault = true)
@DirtiesContext
@LoadTest
class ReactiveKeyRotationUnderLoadTests {

	private static final EndpointId ENDPOINT = new EndpointId("", EndpointType.PRIMARY);

	private static final String SECRET = AutoConfigureSignalREmulator.SECRET_NAME;

	/** {@code azure.signalr.key-vault.refresh-interval} */
	private static final Duration REFRESH_INTERVAL = Duration.ofMillis(500);

	/** {@code azure.signalr.access-token-lifetime} */
	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(4);

	private static final int WORKERS = 4;

	@Autowired
	private KeyVaultEmulator vault;

	@Autowired
	private SignalREmulator service;

	@Autowired
	private ConfigurableApplicationContext app;

	@Test
	void twoKeyProcedureTwiceUnderLoadFailsNothing() throws Exception {
		String appUrl = "http://localhost:" + this.app.getEnvironment().getProperty("local.server.port");
		KeyRotationStatus status = this.app.getBean(KeyRotationStatus.class);
		List<String> follows = new ArrayList<>();
		Load load = new Load(appUrl, this.app.getBean(ReactiveSignalRTemplate.class));
		try {
			Thread.sleep(1500);
			for (int round = 1; round <= 2; round++) {
				follows.add("round " + round + ", to secondary: " + follow(status, KeyType.SECONDARY).toMillis() + " ms");
				awaitPreviousKeySafe(status);
				this.service.regenerateKey(KeyType.PRIMARY);
				follows.add("round " + round + ", to primary: " + follow(status, KeyType.PRIMARY).toMillis() + " ms");
				awaitPreviousKeySafe(status);
				this.service.regenerateKey(KeyType.SECONDARY);
			}
			Thread.sleep(1000);
		}
		finally {
			load.close();
		}
		System.out.println("Key rotation under load on WebFlux: " + load.summary());
		follows.forEach((follow) -> System.out.println("Key rotation under load on WebFlux: followed the vault " + follow));
		assertThat(load.failureSamples).as("failed operations").isEmpty();
		assertThat(load.failures.get()).isZero();
		assertThat(load.negotiates.get()).isPositive();
		assertThat(load.sends.get()).isPositive();
		assertThat(load.connects.get()).isPositive();
	}

	private Duration follow(KeyRotationStatus status, KeyType type) {
		String keyId = AccessKey.of(this.service.accessKey(type)).id();
		Instant set = Instant.now();
		this.vault.secrets().set(SECRET, this.service.connectionString(type));
		KeyRotationStatus.EndpointKeyStatus switched = await().atMost(REFRESH_INTERVAL.multipliedBy(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> status.get(ENDPOINT).orElseThrow(), (current) -> keyId.equals(current.keyId()));
		return Duration.between(set, switched.since());
	}

	private void awaitPreviousKeySafe(KeyRotationStatus status) {
		await().atMost(TOKEN_LIFETIME.plusSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> status.get(ENDPOINT).orElseThrow().isPreviousKeySafeToRegenerate(Instant.now()));
	}

	/**
	 * Workers each repeating: a negotiate, a send to all from Reactor's parallel threads, and every fifth time a client
	 * that negotiates through the application and connects to the service; a short pause between operations.
	 */
	private static final class Load implements AutoCloseable {

		private final String appUrl;

		private final ReactiveSignalRTemplate template;

		private final HttpClient http = HttpClient.newHttpClient();

		private final AtomicBoolean stopped = new AtomicBoolean();

		private final AtomicLong negotiates = new AtomicLong();

		private final AtomicLong sends = new AtomicLong();

		private final AtomicLong connects = new AtomicLong();

		private final AtomicLong failures = new AtomicLong();

		private final Queue<String> failureSamples = new ConcurrentLinkedQueue<>();

		private final List<Thread> threads = new ArrayList<>();

		private final long startedAt = System.nanoTime();

		private volatile long stoppedAt;

		Load(String appUrl, ReactiveSignalRTemplate template) {
			this.appUrl = appUrl;
			this.template = template;
			for (int i = 0; i < WORKERS; i++) {
				Thread thread = new Thread(this::work, "load-" + i);
				thread.setDaemon(true);
				thread.start();
				this.threads.add(thread);
			}
		}

		private void work() {
			for (long n = 0; !this.stopped.get(); n++) {
				try {
					negotiate();
					send(n);
					if (n % 5 == 0) {
						connect();
					}
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (Exception ex) {
					fail(ex.getClass().getSimpleName() + ": " + ex.getMessage());
				}
			}
		}

		private void negotiate() throws Exception {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI.create(this.appUrl + "/chat/negotiate?negotiateVersion=1"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 || !response.body().contains("\"accessToken\"")) {
				fail("negotiate " + response.statusCode());
				return;
			}
			this.negotiates.incrementAndGet();
		}

		private void send(long n) {
			boolean sent = this.template.sendToAll("chat", "message", "load " + n)
				.subscribeOn(Schedulers.parallel())
				.map((result) -> result.succeeded())
				.onErrorResume((ex) -> {
					fail("send " + ex.getMessage());
					return Mono.just(true);
				})
				.block(Duration.ofSeconds(20));
			if (sent) {
				this.sends.incrementAndGet();
			}
			else {
				fail("send: not every endpoint succeeded");
			}
		}

		private void connect() {
			HubConnection client = HubConnectionBuilder.create(this.appUrl + "/chat").build();
			try {
				client.start().blockingAwait(15, TimeUnit.SECONDS);
				this.connects.incrementAndGet();
			}
			finally {
				client.stop().blockingAwait(10, TimeUnit.SECONDS);
			}
		}

		private void fail(String detail) {
			this.failures.incrementAndGet();
			if (this.failureSamples.size() < 10) {
				this.failureSamples.add(detail);
			}
		}

		String summary() {
			double seconds = (this.stoppedAt - this.startedAt) / 1e9;
			long operations = this.negotiates.get() + this.sends.get() + this.connects.get();
			return String.format("%d negotiates, %d sends, %d connections in %.1f s (%.0f operations/s), %d failed",
					this.negotiates.get(), this.sends.get(), this.connects.get(), seconds, operations / seconds,
					this.failures.get());
		}

		@Override
		public void close() throws InterruptedException {
			this.stopped.set(true);
			for (Thread thread : this.threads) {
				thread.join(30_000);
			}
			this.stoppedAt = System.nanoTime();
		}

	}

}
