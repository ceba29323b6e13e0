package io.github.springsignalr.negotiate.internal;

import java.util.Map;

/**
 * The answer to one negotiate request, written as {@code application/json} by the web stack that serves it.
 *
 * @param status the HTTP status
 * @param body the JSON object: the redirect ({@code negotiateVersion}, {@code url}, {@code accessToken},
 * {@code availableTransports}) or {@code {"error": …}} with a fixed text
 */
record NegotiateAnswer(int status, Map<String, Object> body) {

	/**
	 * Whether this is the redirect to the service rather than an error.
	 */
	public boolean isRedirect() {
		return this.status == 200;
	}

}
