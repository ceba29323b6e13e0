package io.github.springsignalr.connectionstring;

/**
 * A connection string that cannot be used. The message names the offending key and says why; it never contains
 * the value of {@code AccessKey} or {@code ClientSecret}.
 */
public class InvalidConnectionStringException extends IllegalArgumentException {

	private final String key;

	private final String reason;

	/**
	 * @param key the connection-string key at fault, as the service's documentation spells it (for example
	 * {@code Endpoint}), or {@code null} when the string as a whole is at fault
	 * @param reason what is wrong, without any secret value
	 */
	public InvalidConnectionStringException(String key, String reason) {
		super((key != null) ? "Invalid connection string: " + key + ": " + reason
				: "Invalid connection string: " + reason);
		this.key = key;
		this.reason = reason;
	}

	/**
	 * The connection-string key at fault (for example {@code Endpoint}), or {@code null} when the string as a whole
	 * is at fault.
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * What is wrong, without the key's name.
	 */
	public String getReason() {
		return this.reason;
	}

}
