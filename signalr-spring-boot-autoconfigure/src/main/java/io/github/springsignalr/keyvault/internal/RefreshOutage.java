package io.github.springsignalr.keyvault.internal;

import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The log of one watched secret's outages: a line when refreshes begin to fail, one every {@link #STILL_DOWN_EVERY}
 * while they go on, one when a refresh succeeds again; the retries in between only at debug level, so that an outage
 * costs a handful of lines however short the back-off.
 */
final class RefreshOutage {

	// The watcher's category, which operators know.
	private static final Log logger = LogFactory.getLog(KeyVaultSecretWatcher.class);

	static final Duration STILL_DOWN_EVERY = Duration.ofMinutes(5);

	private final String subject;

	/** When the current outage began, {@code null} while refreshes succeed. */
	private @Nullable Instant since;

	private @Nullable Instant loggedAt;

	/**
	 * @param subject what is refreshed, for messages: the secret and its endpoint
	 */
	RefreshOutage(String subject) {
		this.subject = subject;
	}

	/**
	 * An outage that began, and was logged, elsewhere (at start-up).
	 */
	void begunAt(Instant at) {
		this.since = at;
		this.loggedAt = at;
	}

	/**
	 * @param failures consecutive failures, this one included
	 * @param error the failure, without any value
	 * @param meanwhile what happens meanwhile ("keeping version …")
	 * @param retryEvery the longest back-off
	 */
	void failed(Instant now, int failures, String error, String meanwhile, Duration retryEvery) {
		if (this.since == null) {
			this.since = now;
			this.loggedAt = now;
			logger.warn("Could not refresh " + this.subject + ": " + error + "; " + meanwhile + " and retrying with"
					+ " back-off (at most every " + retryEvery + "); logged again every " + STILL_DOWN_EVERY.toMinutes()
					+ " minutes while it lasts");
		}
		else if (!now.isBefore(this.loggedAt.plus(STILL_DOWN_EVERY))) {
			this.loggedAt = now;
			logger.warn(this.subject + " still cannot be refreshed, since " + this.since + " (" + failures
					+ " consecutive failures): " + error + "; " + meanwhile);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Refresh of " + this.subject + " failed again (" + failures + " consecutive failures): "
					+ error);
		}
	}

	/**
	 * @param failures the consecutive failures the success ends
	 */
	void succeeded(Instant now, int failures) {
		if (this.since != null) {
			logger.info(this.subject + " is refreshed again, after " + Duration.between(this.since, now).withNanos(0)
					+ " and " + failures + " failed attempt(s)");
		}
		this.since = null;
		this.loggedAt = null;
	}

}
