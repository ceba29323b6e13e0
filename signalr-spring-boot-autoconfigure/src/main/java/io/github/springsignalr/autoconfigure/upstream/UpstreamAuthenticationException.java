package io.github.springsignalr.autoconfigure.upstream;

/**
 * Upstream requests could not be authenticated as configured; {@link UpstreamAuthenticationFailureAnalyzer} reports it.
 */
class UpstreamAuthenticationException extends IllegalStateException {

	private final String action;

	UpstreamAuthenticationException(String description, String action) {
		super(description);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
