package io.github.springsignalr.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.rest.RestFault;
import io.github.springsignalr.emulator.rest.RestFaults;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.LoadTest;
import io.github.springsignalr.token.ClientTokenRequest;
import io.github.springsignalr.token.SignalRTokenService;
import io.reactivex.rxjava3.core.Single;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15's load under faults: an application with two emulated endpoints sends {@value #RATE} broadcasts a second
 * for {@value #SECONDS} s through its auto-configured {@link SignalRTemplate}, while each endpoint answers 10 % of
 * calls 429 with {@code Retry-After: 1} and 5 % 503 (refused before delivery, and counted, as the service refuses
 * them), and east stops answering for 2 s mid-run. The official Java client connected to each endpoint counts every
 * message id: each arrives exactly once on each, and the application sees no failure.
 * <p>
 * Sends are started on evenly spaced slots by a pool large enough that the ones waiting out a {@code Retry-After} or
 * the stall do not hold back the next; the rate asserted is the rate at which sends were started over the whole run,
 * so a machine too slow for it fails the test rather than passing at less. Figures are printed for the note.
 */
@SpringBootTest(classes = { ChatApplication.class, SendsUnderFaultsLoadTests.RetryCounting.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off",
				// Four tries (the SDK's 3 retries) all refused happen to 0.15^4 of calls, six in 12 000: the
				// application that wants none allows more.
				"azure.signalr.rest.retry.max-retries=8" })
@AutoConfigureSignalREmulator(endpoints = { "east", "west" })
@DirtiesContext
@LoadTest
class SendsUnderFaultsLoadTests {

	private static final int RATE = 300;

	private static final int SECONDS = 20;

	private static final int SENDS = RATE * SECONDS;

	private static final Duration STALL = Duration.ofSeconds(2);

	/** Sends in flight at most: 2 s of stall at 300/s, plus those waiting for a Retry-After, with room. */
	private static final int WORKERS = 900;

	private static final String HUB = "chat";

	@Autowired
	@Qualifier("east")
	private SignalREmulator east;

	@Autowired
	@Qualifier("west")
	private SignalREmulator west;

	@Autowired
	private ConfigurableApplicationContext app;

	private final List<HubConnection> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		this.clients.forEach((client) -> client.stop().blockingAwait(10, TimeUnit.SECONDS));
	}

	@Test
	void everyBroadcastReachesEachEndpointsClientExactlyOnceAndNoneFails() throws Exception {
		SignalRTemplate template = this.app.getBean(SignalRTemplate.class);
		AtomicIntegerArray eastCounts = new AtomicIntegerArray(SENDS);
		AtomicIntegerArray westCounts = new AtomicIntegerArray(SENDS);
		connect(this.east, "east", eastCounts);
		connect(this.west, "west", westCounts);
		// Class loading, the JIT and the first connections, before anything is measured or faulted: the same load for
		// a third of the time, unfaulted, to a target the clients ignore.
		Driver warmUp = new Driver(template, "warm-up", SENDS / 3);
		warmUp.startAt(System.nanoTime());
		warmUp.awaitDone(Duration.ofSeconds(SECONDS + 60));
		assertThat(warmUp.failures.get()).as("failed warm-up sends").isZero();
		System.out.printf("Sends under faults: warm-up, %d broadcasts unfaulted at %.1f/s, latency p50 %d ms, p99 %d ms%n",
				SENDS / 3, warmUp.startRate(), warmUp.percentile(50), warmUp.percentile(99));
		arm(this.east.restFaults());
		arm(this.west.restFaults());

		Driver driver = new Driver(template, "message", SENDS);
		// East stops answering for 2 s from the send due in the middle of the run, whenever that is started.
		AtomicLong stalledAt = new AtomicLong();
		driver.before(SENDS / 2, () -> {
			this.east.restFaults().stall(STALL);
			stalledAt.set(System.nanoTime());
		});
		driver.startAt(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
		driver.awaitDone(Duration.ofSeconds(SECONDS + 90));

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> received(eastCounts) >= SENDS && received(westCounts) >= SENDS);
		// Time for a duplicate to show up, had the emulator delivered a refused call or the starter sent one twice.
		Thread.sleep(1000);

		RetryCounting retries = this.app.getBean(RetryCounting.class);
		System.out.printf("Sends under faults: %d broadcasts to 2 endpoints started at %.1f/s (target %d/s for %d s), "
				+ "finished in %.1f s; latency p50 %d ms, p90 %d ms, p99 %d ms, max %d ms; %d failed%n", SENDS,
				driver.startRate(), RATE, SECONDS, driver.elapsedSeconds(), driver.percentile(50),
				driver.percentile(90), driver.percentile(99), driver.percentile(100), driver.failures.get());
		System.out.printf("Sends under faults: retries %s; east stalled %d calls for %d ms from +%.1f s%n",
				retries.byEndpoint(), this.east.restFaults().stalled(), STALL.toMillis(),
				(stalledAt.get() - driver.firstStart) / 1e9);
		for (SignalREmulator emulator : List.of(this.east, this.west)) {
			RestFaults faults = emulator.restFaults();
			System.out.printf("Sends under faults: %s refused %d calls (429 %d, 503 %d), delivered %d messages%n",
					(emulator == this.east) ? "east" : "west", faults.refused(), faults.count(RestFault.Kind.THROTTLE),
					faults.count(RestFault.Kind.UNAVAILABLE),
					received((emulator == this.east) ? eastCounts : westCounts));
		}
		driver.failureSamples.forEach((sample) -> System.out.println("Sends under faults: failure " + sample));

		assertThat(driver.failureSamples).as("failed sends").isEmpty();
		assertThat(driver.failures.get()).isZero();
		assertThat(driver.startRate()).as("sends started per second over the run").isGreaterThanOrEqualTo(RATE);
		assertExactlyOnce("east", eastCounts);
		assertExactlyOnce("west", westCounts);
		assertThat(this.east.restFaults().stalled()).as("calls held by the stall").isPositive();
		// Every refused call was retried: refusals and retries are the same figure, endpoint by endpoint.
		assertThat(retries.of("east")).isEqualTo(this.east.restFaults().refused());
		assertThat(retries.of("west")).isEqualTo(this.west.restFaults().refused());
		assertThat(this.east.restFaults().count(RestFault.Kind.THROTTLE)).isPositive();
		assertThat(this.east.restFaults().count(RestFault.Kind.UNAVAILABLE)).isPositive();
	}

	private static void arm(RestFaults faults) {
		faults.clear();
		faults.fraction(0.10, RestFault.throttle(Duration.ofSeconds(1))).fraction(0.05, RestFault.unavailable());
	}

	private static void assertExactlyOnce(String name, AtomicIntegerArray counts) {
		List<Integer> missing = new ArrayList<>();
		List<Integer> twice = new ArrayList<>();
		for (int i = 0; i < counts.length(); i++) {
			if (counts.get(i) == 0) {
				missing.add(i);
			}
			else if (counts.get(i) > 1) {
				twice.add(i);
			}
		}
		assertThat(missing).as("ids never received on " + name).isEmpty();
		assertThat(twice).as("ids received more than once on " + name).isEmpty();
	}

	private static int received(AtomicIntegerArray counts) {
		int sum = 0;
		for (int i = 0; i < counts.length(); i++) {
			sum += counts.get(i);
		}
		return sum;
	}

	private void connect(SignalREmulator emulator, String name, AtomicIntegerArray counts) {
		ServiceEndpointRegistry registry = this.app.getBean(ServiceEndpointRegistry.class);
		ServiceEndpoint endpoint = registry.snapshot().find(new EndpointId(name, EndpointType.PRIMARY)).orElseThrow();
		String token = this.app.getBean(SignalRTokenService.class)
			.clientToken(endpoint, ClientTokenRequest.of(HUB, "counter-" + name));
		HubConnection client = HubConnectionBuilder.create(emulator.clientUrl(HUB))
			.withAccessTokenProvider(Single.just(token))
			.build();
		client.on("message", (Integer id) -> counts.incrementAndGet(id), Integer.class);
		client.on("warm-up", (Integer id) -> {
		}, Integer.class);
		client.start().blockingAwait(15, TimeUnit.SECONDS);
		this.clients.add(client);
		assertThat(emulator.accessKey(KeyType.PRIMARY)).isNotEmpty();
	}

	/** Starts send {@code i} at {@code start + i / RATE}, on whichever worker is free, and times it. */
	private static final class Driver {

		private final SignalRTemplate template;

		private final String target;

		private final int sends;

		private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, (task) -> {
			Thread thread = new Thread(task, "send-" + System.identityHashCode(task));
			thread.setDaemon(true);
			return thread;
		});

		private final AtomicInteger next = new AtomicInteger();

		private final AtomicLong lastStart = new AtomicLong();

		private final AtomicLongArray latencies;

		private final AtomicInteger failures = new AtomicInteger();

		private final Queue<String> failureSamples = new ConcurrentLinkedQueue<>();

		private final AtomicInteger done = new AtomicInteger();

		private volatile long firstStart;

		private volatile int hookAt = -1;

		private volatile Runnable hook;

		private volatile long end;

		Driver(SignalRTemplate template, String target, int sends) {
			this.template = template;
			this.target = target;
			this.sends = sends;
			this.latencies = new AtomicLongArray(sends);
		}

		/** Runs {@code hook} just before send {@code id} starts. */
		void before(int id, Runnable hook) {
			this.hookAt = id;
			this.hook = hook;
		}

		void startAt(long start) {
			this.firstStart = start;
			long slot = TimeUnit.SECONDS.toNanos(1) / RATE;
			for (int w = 0; w < WORKERS; w++) {
				this.workers.execute(() -> {
					for (int i = this.next.getAndIncrement(); i < this.sends; i = this.next.getAndIncrement()) {
						long at = start + i * slot;
						long wait = at - System.nanoTime();
						if (wait > 0) {
							LockSupport.parkNanos(wait);
						}
						send(i);
					}
				});
			}
			this.workers.shutdown();
		}

		private void send(int id) {
			if (id == this.hookAt) {
				this.hook.run();
			}
			long begin = System.nanoTime();
			this.lastStart.accumulateAndGet(begin, Math::max);
			try {
				SignalRResult result = this.template.sendToAll(HUB, this.target, id);
				if (!result.failures().isEmpty()) {
					fail(id, result.failures().toString());
				}
			}
			catch (RuntimeException ex) {
				fail(id, ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
			finally {
				long now = System.nanoTime();
				this.latencies.set(id, now - begin);
				if (this.done.incrementAndGet() == this.sends) {
					this.end = now;
				}
			}
		}

		private void fail(int id, String detail) {
			this.failures.incrementAndGet();
			if (this.failureSamples.size() < 20) {
				this.failureSamples.add("send " + id + ": " + detail);
			}
		}

		void awaitDone(Duration timeout) throws InterruptedException {
			assertThat(this.workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS))
				.as("every send finished").isTrue();
		}

		/** Sends started per second, from the first slot to the last start. */
		double startRate() {
			return this.sends / ((this.lastStart.get() - this.firstStart) / 1e9);
		}

		double elapsedSeconds() {
			return (this.end - this.firstStart) / 1e9;
		}

		long percentile(int p) {
			long[] sorted = new long[this.sends];
			for (int i = 0; i < this.sends; i++) {
				sorted[i] = this.latencies.get(i);
			}
			Arrays.sort(sorted);
			int index = Math.min(this.sends - 1, (int) Math.ceil(p / 100.0 * this.sends) - 1);
			return TimeUnit.NANOSECONDS.toMillis(sorted[Math.max(0, index)]);
		}

	}

	/** A listener bean: the auto-configuration gives every {@link SignalRListener} to the template. */
	@Configuration(proxyBeanMethods = false)
	static class RetryCounting implements SignalRListener {

		private final Map<String, AtomicLong> retries = new ConcurrentHashMap<>();

		@Override
		public void restRetried(EndpointId endpoint, RestCallOutcome outcome) {
			this.retries.computeIfAbsent(endpoint.name(), (name) -> new AtomicLong()).incrementAndGet();
		}

		long of(String name) {
			return this.retries.getOrDefault(name, new AtomicLong()).get();
		}

		Map<String, AtomicLong> byEndpoint() {
			return Map.copyOf(this.retries);
		}

	}

}
