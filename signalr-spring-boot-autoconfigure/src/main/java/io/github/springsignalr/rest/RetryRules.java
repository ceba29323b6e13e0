package io.github.springsignalr.rest;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Which failed REST calls {@link SignalRTemplate} tries again, as the .NET Management SDK's
 * {@code DependencyInjectionExtensions} decide it, and how long a 429 asks it to wait.
 */
final class RetryRules {

	private RetryRules() {
	}

	/**
	 * Whether a try that ended with {@code status} ({@code 0} for no answer) is worth another.
	 * @param sent whether the request may have reached the service (false only when no connection was made)
	 */
	static boolean isRetryable(int status, boolean sent, HttpMethod method) {
		if (status == 429) {
			return true;
		}
		// Every send is a POST, and no other call is.
		if (HttpMethod.POST.equals(method)) {
			// As the Management SDK's IsTransientErrorAndIdempotentForMessageApi: above 500 only, since the service
			// answers 500 when a send timed out inside it, and it may have been delivered; without an answer, only a
			// connection never made is sure not to have delivered it.
			return status > 500 || (status == 0 && !sent);
		}
		// As IsTransientErrorForNonMessageApi; group and connection management is idempotent, so no answer too.
		return status >= 500 || status == 408 || status == 0;
	}

	/**
	 * The wait a 429 asks for in {@code Retry-After} (seconds or an HTTP date), or {@code null}.
	 */
	static @Nullable Duration retryAfter(int status, HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (status != 429 || value == null) {
			return null;
		}
		try {
			long seconds = Long.parseLong(value.trim());
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			try {
				Duration until = Duration.between(Instant.now(),
						ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	/**
	 * Whether the failure came before a connection was made, so the request cannot have reached the service.
	 */
	static boolean neverConnected(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

}
