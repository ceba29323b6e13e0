package io.github.springsignalr.endpoint;

/**
 * A reference to a connection string that is malformed or could not be fetched. The message names the reference (a
 * vault and a secret name, say) and the problem, never a secret.
 */
public class ConnectionStringResolutionException extends RuntimeException {

	private final String validForm;

	/**
	 * @param message the problem, without any secret
	 * @param validForm a valid form of the reference to show the user, or {@code null}
	 */
	public ConnectionStringResolutionException(String message, String validForm, Throwable cause) {
		super(message, cause);
		this.validForm = validForm;
	}

	public String getValidForm() {
		return this.validForm;
	}

}
