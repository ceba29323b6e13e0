package io.github.springsignalr.rest;

import org.jspecify.annotations.Nullable;

/**
 * An operation that reached no endpoint: every endpoint it went to failed, or none was online. Carries what each
 * endpoint answered; never a token.
 */
public class SignalRRestException extends RuntimeException {

	private final SignalRResult result;

	public SignalRRestException(@Nullable String message, SignalRResult result) {
		super(message + ((result.results().isEmpty()) ? "" : ": " + result.results()));
		this.result = result;
	}

	public SignalRResult getResult() {
		return this.result;
	}

}
