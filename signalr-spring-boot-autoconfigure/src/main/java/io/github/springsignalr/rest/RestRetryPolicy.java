package io.github.springsignalr.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SignalRTemplate} retries a REST call that failed in a way worth retrying, as the .NET Management SDK's
 * {@code ServiceManagerRetryOptions} do: up to {@code maxRetries} more tries, {@code delay} apart ({@link Mode#FIXED})
 * or {@code delay}, twice it, four times it… ({@link Mode#EXPONENTIAL}), never more than {@code maxDelay}.
 *
 * @param mode how the wait grows
 * @param maxRetries tries after the first, 0 for none
 * @param delay the wait before a retry, or the first one
 * @param maxDelay the longest wait, also the cap on a {@code Retry-After}
 */
public record RestRetryPolicy(Mode mode, int maxRetries, Duration delay, Duration maxDelay) {

	/** Never retries. */
	public static final RestRetryPolicy NONE = new RestRetryPolicy(Mode.FIXED, 0, Duration.ZERO, Duration.ZERO);

	/** The Management SDK's defaults: 3 retries, 0.8 s apart, waits of at most a minute. */
	public static final RestRetryPolicy DEFAULT = new RestRetryPolicy(Mode.FIXED, 3, Duration.ofMillis(800),
			Duration.ofMinutes(1));

	public RestRetryPolicy {
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(delay, "delay");
		Objects.requireNonNull(maxDelay, "maxDelay");
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries cannot be negative, not " + maxRetries);
		}
		if (delay.isNegative() || maxDelay.isNegative()) {
			throw new IllegalArgumentException("A retry delay cannot be negative");
		}
	}

	/**
	 * The wait before retry number {@code retry} (0 for the first), as the Management SDK's
	 * {@code FixedBackOffPolicy} and {@code ExponentialBackOffPolicy} compute it.
	 */
	public Duration delayBefore(int retry) {
		if (this.mode == Mode.FIXED) {
			return this.delay;
		}
		// (1 << retry) * delay, capped, doubled step by step so that a long delay cannot overflow.
		Duration wait = this.delay;
		for (int i = 0; i < retry && wait.compareTo(this.maxDelay) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxDelay) < 0) ? wait : this.maxDelay;
	}

	/**
	 * How the wait between tries grows.
	 */
	public enum Mode {

		/** The same wait each time. */
		FIXED,

		/** Twice the last wait each time. */
		EXPONENTIAL

	}

}
