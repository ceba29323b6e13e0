package io.github.springsignalr.token;

/**
 * A token would be longer than the service accepts (4096 characters, as the .NET SDK enforces), almost always because
 * of too many or too long claims. A negotiate endpoint answers it with 413. The message gives lengths only, never the
 * token.
 */
public class AccessTokenTooLongException extends IllegalArgumentException {

	private final int length;

	private final int maxLength;

	public AccessTokenTooLongException(int length, int maxLength) {
		super("The access token would be " + length + " characters long, over the service's limit of " + maxLength
				+ ": send fewer or shorter claims");
		this.length = length;
		this.maxLength = maxLength;
	}

	/**
	 * How long the token would have been.
	 */
	public int getLength() {
		return this.length;
	}

	public int getMaxLength() {
		return this.maxLength;
	}

}
