package io.github.springsignalr.server;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The .NET SDK's reconnect delays ({@code ServiceConnectionContainerBase.GetRetryDelay}): 1, 2, 4, 8, 16, 32 s, then
 * 60 s, each plus a random 0–999 ms, so that the servers of a fleet do not all come back at once.
 */
final class BackOff {

	private static final int MAX_DOUBLINGS = 5;

	private static final Duration MAX = Duration.ofMinutes(1);

	private BackOff() {
	}

	/**
	 * @param attempt how many connects failed in a row before this one, from 0
	 */
	static Duration delay(int attempt, RandomGenerator random) {
		Duration base = (attempt > MAX_DOUBLINGS) ? MAX : Duration.ofSeconds(1L << attempt);
		return base.plusMillis(random.nextInt(1000));
	}

}
