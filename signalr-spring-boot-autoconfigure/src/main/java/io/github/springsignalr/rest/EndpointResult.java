package io.github.springsignalr.rest;

import io.github.springsignalr.endpoint.EndpointId;
import org.jspecify.annotations.Nullable;

/**
 * What one endpoint answered to one REST call.
 *
 * @param endpoint the endpoint
 * @param outcome how it went
 * @param status the HTTP status, or {@code 0} when no answer came
 * @param errorCode the service's {@code x-ms-error-code}, or {@code null}
 * @param error why it failed when no answer came (the exception's class and message), or {@code null}
 */
public record EndpointResult(EndpointId endpoint, Outcome outcome, int status, @Nullable String errorCode,
		@Nullable String error) {

	/**
	 * How a call to one endpoint went.
	 */
	public enum Outcome {

		/** 2xx: done, or for an existence check, found. */
		OK,

		/**
		 * 404: the connection, user or group is not on this endpoint. With several endpoints that is normal for all
		 * but one of them, so it is not a failure.
		 */
		NOT_FOUND,

		/** Anything else: refused, server error, or no answer. */
		FAILED

	}

	public boolean failed() {
		return this.outcome == Outcome.FAILED;
	}

}
