package io.github.springsignalr.connectionstring;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A stand-in for an exception whose message may hold a secret: the original's class name and
 * {@link Secrets#redact(String) redacted} message as its message, its stack trace, and its causes and suppressed exceptions redacted the same way. Chain this
 * instead of the original wherever the chain reaches a log line, such as Spring Boot's DEBUG report of a failed
 * start-up, which prints every cause in full.
 */
public final class RedactedException extends RuntimeException {

	private static final int MAX_DEPTH = 16;

	private final String originalClassName;

	private RedactedException(Throwable original, Set<Throwable> seen, int depth) {
		// The original's class leads the message: logging frameworks print a cause's class and message, not toString().
		super(original.getClass().getName()
				+ ((original.getMessage() != null) ? ": " + Secrets.redactedMessage(original) : ""));
		this.originalClassName = original.getClass().getName();
		setStackTrace(original.getStackTrace());
		seen.add(original);
		Throwable cause = original.getCause();
		if (cause != null && !seen.contains(cause) && depth < MAX_DEPTH) {
			initCause(new RedactedException(cause, seen, depth + 1));
		}
		for (Throwable suppressed : original.getSuppressed()) {
			if (!seen.contains(suppressed) && depth < MAX_DEPTH) {
				addSuppressed(new RedactedException(suppressed, seen, depth + 1));
			}
		}
	}

	/**
	 * A redacted copy of {@code original} and its chain; {@code null} stays {@code null}.
	 */
	public static @Nullable RedactedException of(Throwable original) {
		if (original == null) {
			return null;
		}
		return new RedactedException(original, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
	}

	/**
	 * The class of the exception this stands for.
	 */
	public String getOriginalClassName() {
		return this.originalClassName;
	}

}
