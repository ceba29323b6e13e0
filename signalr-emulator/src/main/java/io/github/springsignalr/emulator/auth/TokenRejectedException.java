package io.github.springsignalr.emulator.auth;

/**
 * A token the service would answer 401 to. The message says why, and never holds the token.
 */
public class TokenRejectedException extends Exception {

	public TokenRejectedException(String reason) {
		super(reason);
	}

}
