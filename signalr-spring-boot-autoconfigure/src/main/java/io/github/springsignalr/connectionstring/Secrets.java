package io.github.springsignalr.connectionstring;

import java.util.regex.Pattern;

/**
 * Removes secrets from text that is about to be logged or shown: the value of every {@code AccessKey=} and
 * {@code ClientSecret=} up to the next {@code ;}, and anything shaped like an access key (43 base64 characters and
 * {@code =}, the pattern Microsoft Purview uses to find this credential). Use it wherever a connection string or the
 * message of an exception from elsewhere (an HTTP client, a resolver, a user's code) could reach a log line.
 */
public final class Secrets {

	/** What a removed secret is replaced with. */
	public static final String MARKER = "<redacted>";

	/** An access key as the service issues them: 32 random bytes in base64, 43 characters and {@code =}. */
	public static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");

	// A connection string's secret values, keys in any case and with blanks around '=' as the parser allows.
	private static final Pattern SECRET_VALUE = Pattern.compile("(?i)\\b(AccessKey|ClientSecret)(\\s*=)[^;]*");

	private Secrets() {
	}

	/**
	 * The text with every secret replaced by {@link #MARKER}; {@code null} stays {@code null}.
	 */
	public static String redact(String text) {
		if (text == null) {
			return null;
		}
		String redacted = SECRET_VALUE.matcher(text).replaceAll("$1$2" + MARKER);
		return ACCESS_KEY.matcher(redacted).replaceAll(MARKER);
	}

	/**
	 * The message of {@code ex}, redacted: for exceptions thrown by code that does not promise to keep secrets out.
	 */
	public static String redactedMessage(Throwable ex) {
		return redact(ex.getMessage());
	}

}
