package io.github.springsignalr.autoconfigure.security;

import io.github.springsignalr.autoconfigure.SignalRProperties;

/**
 * The paths the starter serves, as request matchers match them: from {@link SignalRProperties}, as the routes read
 * them.
 */
public final class SignalRPaths {

	private SignalRPaths() {
	}

	/**
	 * The pattern of {@code POST {path-prefix}/{hub}/negotiate}, for example {@code /*}{@code /negotiate}.
	 */
	public static String negotiate(SignalRProperties properties) {
		String prefix = properties.getNegotiate().getPathPrefix();
		if (prefix.endsWith("/")) {
			prefix = prefix.substring(0, prefix.length() - 1);
		}
		return prefix + "/*/negotiate";
	}

	/**
	 * The upstream path template, for example {@code /signalr/upstream/{hub}/{category}/{event}}.
	 */
	public static String upstream(SignalRProperties properties) {
		return properties.getUpstream().getPath();
	}

}
