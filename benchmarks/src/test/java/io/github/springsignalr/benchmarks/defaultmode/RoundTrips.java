package io.github.springsignalr.benchmarks.defaultmode;

import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;

/**
 * Invocation round trips: one official Java client invokes {@code echo} and waits for the answer before the next
 * one, client → service → application → service → client; each answer is checked.
 */
public final class RoundTrips {

	private RoundTrips() {
	}

	public static Latencies measure(HubConnection client, int warmUp, int count) {
		for (int i = 0; i < warmUp; i++) {
			invoke(client, "w" + i);
		}
		Latencies latencies = new Latencies();
		for (int i = 0; i < count; i++) {
			String text = "m" + i;
			long start = System.nanoTime();
			invoke(client, text);
			latencies.record(System.nanoTime() - start);
		}
		return latencies;
	}

	/**
	 * One invocation.
	 * @throws IllegalStateException if the answer is not the echo
	 */
	public static void invoke(HubConnection client, String text) {
		String answer = client.invoke(String.class, "echo", text).timeout(30, TimeUnit.SECONDS).blockingGet();
		if (!(text + "!").equals(answer)) {
			throw new IllegalStateException("echo answered '" + answer + "' to '" + text + "'");
		}
	}

}
