package io.github.springsignalr.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;

/**
 * A bounded load on an application using the starter: a fixed pool of workers taking evenly spaced slots at a set
 * rate, each slot one operation — a negotiate through the application, a {@link SignalRTemplate} send to all or to a
 * user, or (one slot in {@code connectEvery}) the official Java client connecting through the application and
 * stopping again. It stops by itself after {@code maxDuration}, whatever the test does.
 * <p>
 * A failure is any non-2xx negotiate, any client start that fails or times out, any send whose result has a failure or
 * that throws. Failures are counted by kind, with a few samples (endpoint ids and statuses only, no token).
 */
final class LoadGenerator implements AutoCloseable {

	private static final String HUB = "chat";

	private final PacedSlots pacing;

	private final String appUrl;

	private final SignalRTemplate template;

	private final int connectEvery;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final AtomicLong negotiates = new AtomicLong();

	private final AtomicLong connects = new AtomicLong();

	private final AtomicLong sends = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final Queue<String> failureSamples = new ConcurrentLinkedQueue<>();

	LoadGenerator(String appUrl, SignalRTemplate template, int threads, int operationsPerSecond, int connectEvery,
			Duration maxDuration) {
		this.appUrl = appUrl;
		this.template = template;
		this.connectEvery = connectEvery;
		this.pacing = new PacedSlots(threads, operationsPerSecond, maxDuration);
		this.pacing.start(this::operation);
	}

	private void operation(long n) {
		try {
			if (n % this.connectEvery == 0) {
				connect(n);
			}
			else if (n % 2 == 0) {
				negotiate();
			}
			else {
				send(n);
			}
		}
		catch (Exception ex) {
			fail("exception", ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private void negotiate() throws Exception {
		this.negotiates.incrementAndGet();
		HttpResponse<Void> response = this.http.send(HttpRequest
			.newBuilder(URI.create(this.appUrl + "/" + HUB + "/negotiate?negotiateVersion=1"))
			.header(ChatApplication.USER_HEADER, "negotiator")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() / 100 != 2) {
			fail("negotiate", "status " + response.statusCode());
		}
	}

	private void connect(long n) {
		this.connects.incrementAndGet();
		HubConnection client = HubConnectionBuilder.create(this.appUrl + "/" + HUB)
			.withHeader(ChatApplication.USER_HEADER, "user-" + (n % 10))
			.build();
		// Sends of the load reach these clients too; without a handler the client logs an error for each.
		client.on("message", (message) -> {
		}, String.class);
		try {
			if (!client.start().blockingAwait(15, TimeUnit.SECONDS)) {
				fail("connect", "start timed out");
			}
		}
		catch (RuntimeException ex) {
			fail("connect", ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

	private void send(long n) {
		this.sends.incrementAndGet();
		try {
			SignalRResult result = ((n / 2) % 2 == 0) ? this.template.sendToAll(HUB, "message", "load " + n)
					: this.template.sendToUser(HUB, "user-" + (n % 10), "message", "load " + n);
			if (!result.failures().isEmpty()) {
				fail("send", result.failures().toString());
			}
		}
		catch (RuntimeException ex) {
			fail("send", ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private void fail(String kind, String detail) {
		this.failures.incrementAndGet();
		if (this.failureSamples.size() < 20) {
			this.failureSamples.add(kind + " at +" + elapsed().toMillis() + " ms: " + detail);
		}
	}

	/**
	 * Stops taking slots and waits for the operations under way.
	 */
	@Override
	public void close() throws InterruptedException {
		this.pacing.stop();
	}

	Duration elapsed() {
		return this.pacing.elapsed();
	}

	long operations() {
		return this.negotiates.get() + this.connects.get() + this.sends.get();
	}

	double operationsPerSecond() {
		return operations() / (elapsed().toNanos() / 1e9);
	}

	long failures() {
		return this.failures.get();
	}

	List<String> failureSamples() {
		return List.copyOf(this.failureSamples);
	}

	boolean isRunning() {
		return this.pacing.isRunning();
	}

	String summary() {
		return String.format("%d operations (%d negotiate, %d client connect, %d send) in %.1f s = %.0f ops/s, %d failed",
				operations(), this.negotiates.get(), this.connects.get(), this.sends.get(), elapsed().toNanos() / 1e9,
				operationsPerSecond(), failures());
	}

}
