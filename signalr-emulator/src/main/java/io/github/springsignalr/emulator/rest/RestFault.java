package io.github.springsignalr.emulator.rest;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A fault the emulator can inject into a REST call, as a service under load or a network in trouble would: a
 * refusal (429 with {@code Retry-After}, 503, 500), a delay before the call is carried out, or a connection dropped
 * without an answer.
 *
 * @param kind what happens
 * @param duration the {@code Retry-After} of {@link Kind#THROTTLE} (whole seconds), the wait of {@link Kind#DELAY};
 * zero for the others
 */
public record RestFault(Kind kind, Duration duration) {

	public RestFault {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(duration, "duration");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("A fault's duration cannot be negative, not " + duration);
		}
	}

	/**
	 * 429 with {@code Retry-After} in whole seconds (at least 1); the call is not carried out.
	 */
	public static RestFault throttle(Duration retryAfter) {
		return new RestFault(Kind.THROTTLE, Duration.ofSeconds(Math.max(1, retryAfter.toSeconds())));
	}

	/**
	 * 503; the call is not carried out.
	 */
	public static RestFault unavailable() {
		return new RestFault(Kind.UNAVAILABLE, Duration.ZERO);
	}

	/**
	 * 500; the call is not carried out.
	 */
	public static RestFault internalError() {
		return new RestFault(Kind.INTERNAL_ERROR, Duration.ZERO);
	}

	/**
	 * Waits, then carries the call out and answers as usual.
	 */
	public static RestFault delay(Duration delay) {
		return new RestFault(Kind.DELAY, delay);
	}

	/**
	 * Closes the connection without an answer; the call is not carried out.
	 */
	public static RestFault drop() {
		return new RestFault(Kind.DROP, Duration.ZERO);
	}

	/**
	 * Whether the call is refused rather than carried out.
	 */
	public boolean refuses() {
		return this.kind != Kind.DELAY;
	}

	@Override
	public String toString() {
		String name = this.kind.name().toLowerCase(Locale.ROOT);
		return this.duration.isZero() ? name : name + " " + this.duration;
	}

	/**
	 * What a fault does.
	 */
	public enum Kind {

		/** 429 Too Many Requests with {@code Retry-After}. */
		THROTTLE,

		/** 503 Service Unavailable. */
		UNAVAILABLE,

		/** 500 Internal Server Error. */
		INTERNAL_ERROR,

		/** A wait before the call is carried out. */
		DELAY,

		/** The connection closed without an answer. */
		DROP

	}

}
