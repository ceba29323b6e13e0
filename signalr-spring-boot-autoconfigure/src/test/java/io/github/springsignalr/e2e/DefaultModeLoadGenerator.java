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
import com.microsoft.signalr.HubConnectionState;

import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;

/**
 * {@link LoadGenerator}'s counterpart for default mode: workers taking evenly spaced slots at a set rate, each slot
 * one operation — a negotiate through the application (every other slot), a {@link SignalRTemplate} send to all or
 * to a user (which goes over server connections), or an invocation of {@code echo} by the official Java client,
 * answered by the application through the service. Invoking clients connect through the application and are
 * reused for {@value #INVOCATIONS_PER_CLIENT} invocations, then stopped, so that clients come and go as in a real
 * application. It stops by itself after {@code maxDuration}.
 * <p>
 * A failure is any non-2xx negotiate, a client that does not start, an invocation that fails, times out or answers
 * something else, a send whose result has a failure or that throws.
 */
final class DefaultModeLoadGenerator implements AutoCloseable {

	private static final String HUB = "chat";

	private final PacedSlots pacing;

	private static final int INVOCATIONS_PER_CLIENT = 10;

	private final String appUrl;

	private final SignalRTemplate template;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Queue<Session> idle = new ConcurrentLinkedQueue<>();

	private final AtomicLong negotiates = new AtomicLong();

	private final AtomicLong invocations = new AtomicLong();

	private final AtomicLong connects = new AtomicLong();

	private final AtomicLong sends = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final Queue<String> failureSamples = new ConcurrentLinkedQueue<>();

	DefaultModeLoadGenerator(String appUrl, SignalRTemplate template, int threads, int operationsPerSecond,
			Duration maxDuration) {
		this.appUrl = appUrl;
		this.template = template;
		this.pacing = new PacedSlots(threads, operationsPerSecond, maxDuration);
		this.pacing.start(this::operation);
	}

	private void operation(long n) {
		try {
			if (n % 2 == 0) {
				negotiate();
			}
			else if (n % 4 == 1) {
				send(n);
			}
			else {
				invoke(n);
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

	private void invoke(long n) {
		this.invocations.incrementAndGet();
		Session session = this.idle.poll();
		if (session == null) {
			session = connect(n);
			if (session == null) {
				return;
			}
		}
		String text = "load " + n;
		try {
			String answer = session.client.invoke(String.class, "echo", text).timeout(10, TimeUnit.SECONDS).blockingGet();
			if (!(text + "!").equals(answer)) {
				fail("invoke", "answered '" + answer + "' to '" + text + "'");
			}
		}
		catch (RuntimeException ex) {
			fail("invoke", ex.getClass().getSimpleName() + ": " + ex.getMessage() + " (client "
					+ session.client.getConnectionState() + " after " + session.uses + " invocations)");
		}
		if (++session.uses < INVOCATIONS_PER_CLIENT && !this.pacing.isStopped()
				&& session.client.getConnectionState() == HubConnectionState.CONNECTED) {
			this.idle.add(session);
		}
		else {
			session.client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

	private Session connect(long n) {
		this.connects.incrementAndGet();
		HubConnection client = UpstreamEndToEndTests.connect(this.appUrl, "user-" + (n % 10));
		// Sends of the load reach these clients too; without a handler the client logs an error for each.
		client.on("message", (message) -> {
		}, String.class);
		if (client.getConnectionState() != HubConnectionState.CONNECTED) {
			fail("connect", "the client did not start in time");
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
			return null;
		}
		return new Session(client);
	}

	private void send(long n) {
		this.sends.incrementAndGet();
		try {
			SignalRResult result = ((n / 4) % 2 == 0) ? this.template.sendToAll(HUB, "message", "load " + n)
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
	 * Stops taking slots, waits for the operations under way and stops the clients.
	 */
	@Override
	public void close() throws InterruptedException {
		this.pacing.stop();
		Session session;
		while ((session = this.idle.poll()) != null) {
			session.client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
	}

	Duration elapsed() {
		return this.pacing.elapsed();
	}

	long operations() {
		return this.negotiates.get() + this.invocations.get() + this.sends.get();
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
		return String.format(
				"%d operations (%d negotiate, %d invoke over %d clients, %d send) in %.1f s = %.0f ops/s, %d failed",
				operations(), this.negotiates.get(), this.invocations.get(), this.connects.get(), this.sends.get(),
				elapsed().toNanos() / 1e9, operationsPerSecond(), failures());
	}

	private static final class Session {

		final HubConnection client;

		int uses;

		Session(HubConnection client) {
			this.client = client;
		}

	}

}
