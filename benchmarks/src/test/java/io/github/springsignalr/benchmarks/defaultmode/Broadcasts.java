package io.github.springsignalr.benchmarks.defaultmode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.microsoft.signalr.HubConnection;

import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.rest.SignalRTemplate;

/**
 * Broadcasts: {@code senders} threads send {@code messages} messages to all with {@link SignalRTemplate#sendToAll}
 * (over server connections in default mode, REST calls in serverless mode), and {@code receivers} official Java
 * clients each count them in. The rate is messages sent per second until the last one reached every client; the
 * rate at which the sends returned is given too (in default mode a send returns once written to a server
 * connection).
 */
public final class Broadcasts {

	/** The client method the broadcasts call. */
	static final String TARGET = "tick";

	private Broadcasts() {
	}

	/**
	 * @param sentPerSecond messages per second until the last send returned
	 * @param deliveredPerSecond messages per second until the last one reached every receiver
	 */
	public record Result(int messages, int receivers, int senders, double sentPerSecond, double deliveredPerSecond) {

	}

	public static Result measure(BenchSetup setup, int receivers, int senders, int messages) throws Exception {
		CountDownLatch delivered = new CountDownLatch(messages * receivers);
		AtomicLong failures = new AtomicLong();
		List<HubConnection> clients = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(senders);
		try {
			for (int i = 0; i < receivers; i++) {
				HubConnection client = setup.connect();
				client.on(TARGET, (n) -> delivered.countDown(), Integer.class);
				clients.add(client);
			}
			SignalRTemplate template = setup.template();
			List<Future<?>> sending = new ArrayList<>();
			long start = System.nanoTime();
			for (int s = 0; s < senders; s++) {
				int from = s * messages / senders;
				int to = (s + 1) * messages / senders;
				sending.add(pool.submit(() -> {
					for (int n = from; n < to; n++) {
						SignalRResult result = template.sendToAll(EchoHub.HUB, TARGET, n);
						if (!result.failures().isEmpty()) {
							failures.incrementAndGet();
						}
					}
				}));
			}
			for (Future<?> future : sending) {
				future.get(10, TimeUnit.MINUTES);
			}
			long sent = System.nanoTime();
			if (failures.get() > 0) {
				throw new IllegalStateException(failures.get() + " sends failed in " + setup.mode() + " mode");
			}
			if (!delivered.await(5, TimeUnit.MINUTES)) {
				throw new IllegalStateException(delivered.getCount() + " deliveries missing in " + setup.mode() + " mode");
			}
			long done = System.nanoTime();
			return new Result(messages, receivers, senders, messages / ((sent - start) / 1e9),
					messages / ((done - start) / 1e9));
		}
		finally {
			pool.shutdownNow();
			clients.forEach((client) -> client.stop().blockingAwait(10, TimeUnit.SECONDS));
		}
	}

}
