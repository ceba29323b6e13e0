package io.github.springsignalr.endpoint;

import org.jspecify.annotations.Nullable;

/**
 * A reference to a connection string that is malformed or could not be fetched. The message names the reference (a
 * vault and a secret name, say) and the problem, never a secret.
 */
public class ConnectionStringResolutionException extends RuntimeException {

	private final @Nullable String validForm;

	/**
	 * @param message the problem, without any secret
	 * @param validForm a valid form of the reference to show the user, or {@code null}
	 */
	public ConnectionStringResolutionException(String message, @Nullable String validForm, @Nullable Throwable cause) {
		super(message, cause);
		this.validForm = validForm;
	}

	public @Nullable String getValidForm() {
		return this.validForm;
	}

}
