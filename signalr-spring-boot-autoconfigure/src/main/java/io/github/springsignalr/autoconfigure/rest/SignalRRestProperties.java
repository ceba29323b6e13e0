package io.github.springsignalr.autoconfigure.rest;

import java.time.Duration;

import io.github.springsignalr.rest.RestRetryPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the client that calls the service's REST API, under {@code azure.signalr.rest}.
 */
@ConfigurationProperties("azure.signalr.rest")
public class SignalRRestProperties {

	/**
	 * Time to wait for a connection to the service's REST API.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Time to wait for the service's answer to a REST call, once connected (the .NET Management SDK's
	 * HttpClientTimeout).
	 */
	private Duration readTimeout = Duration.ofSeconds(100);

	/**
	 * Longest time an operation calling several endpoints waits for all of them, retries included; an endpoint that
	 * has not answered by then counts as failed.
	 */
	private Duration callTimeout = Duration.ofSeconds(100);

	private final Retry retry = new Retry();

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Retries of failed REST calls, as the .NET Management SDK's {@code ServiceManagerRetryOptions}.
	 */
	public static class Retry {

		/**
		 * Whether to retry REST calls that failed in a way worth retrying (5xx, 408, 429, no answer; for sends, a
		 * status above 500 or no connection).
		 */
		private boolean enabled = true;

		/**
		 * How the wait between tries grows: the same each time, or doubling.
		 */
		private RestRetryPolicy.Mode mode = RestRetryPolicy.Mode.FIXED;

		/**
		 * Tries after the first.
		 */
		private int maxRetries = 3;

		/**
		 * Wait before a retry (fixed), or before the first one (exponential).
		 */
		private Duration delay = Duration.ofMillis(800);

		/**
		 * Longest wait before a retry, also the cap on a 429's Retry-After.
		 */
		private Duration maxDelay = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public RestRetryPolicy.Mode getMode() {
			return this.mode;
		}

		public void setMode(RestRetryPolicy.Mode mode) {
			this.mode = mode;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

	}

}
