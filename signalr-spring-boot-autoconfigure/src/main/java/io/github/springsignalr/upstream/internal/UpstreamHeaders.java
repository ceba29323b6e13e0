package io.github.springsignalr.upstream.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the service's {@code X-ASRS-Client-Query} and {@code X-ASRS-User-Claims} headers as the .NET Functions
 * extension does ({@code SignalRTriggerUtils}).
 */
public final class UpstreamHeaders {

	/** The query parameter browsers pass the client's token in; never handed to an application. */
	static final String ACCESS_TOKEN = "access_token";

	private UpstreamHeaders() {
	}

	/**
	 * The client's query from {@code X-ASRS-Client-Query}, which the service sends as the client sent it: with its
	 * leading {@code ?}, and with the client's {@code access_token} when the client put its token there (browsers
	 * do). Names and values are decoded ({@code +} is a space); names match in any case, and a repeated name's values
	 * are joined with commas, as ASP.NET Core's {@code QueryHelpers.ParseQuery} does. {@code access_token} is left
	 * out, in any case.
	 * @param header the header's value, or {@code null}
	 * @return the parameters in the order of their first appearance; empty for none
	 */
	public static Map<String, String> clientQuery(@Nullable String header) {
		Map<String, String> values = new LinkedHashMap<>();
		if (header == null || header.isEmpty()) {
			return values;
		}
		Map<String, String> names = new LinkedHashMap<>();
		String query = (header.charAt(0) == '?') ? header.substring(1) : header;
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			if (name.isEmpty() || name.equalsIgnoreCase(ACCESS_TOKEN)) {
				continue;
			}
			String key = names.computeIfAbsent(name.toLowerCase(Locale.ROOT), (lowerCase) -> name);
			values.merge(key, value, (first, next) -> first + "," + next);
		}
		return values;
	}

	/**
	 * The client's claims from {@code X-ASRS-User-Claims}: {@code type: value} pairs (.NET's {@code Claim.ToString()})
	 * separated by commas, as HTTP joins the values of a header. As the .NET extension reads it, a pair is split at
	 * {@code ": "}, a part that does not split in two is skipped, types and values are trimmed, and the first value
	 * of a type wins: a value with a comma in it is cut there.
	 * @param header the header's value, or {@code null}
	 * @return the claims, type to first value; empty for none
	 */
	public static Map<String, String> userClaims(String header) {
		Map<String, String> claims = new LinkedHashMap<>();
		if (header == null || header.isEmpty()) {
			return claims;
		}
		for (String pair : header.split(",")) {
			String[] parts = splitClaim(pair);
			if (parts != null) {
				claims.putIfAbsent(parts[0].trim(), parts[1].trim());
			}
		}
		return claims;
	}

	/**
	 * {@code pair} split at every {@code ": "} with empty parts dropped, when that leaves exactly two parts.
	 */
	private static String @Nullable [] splitClaim(String pair) {
		String[] parts = Arrays.stream(pair.split(": ", -1))
			.filter((part) -> !part.isEmpty())
			.toArray(String[]::new);
		return (parts.length == 2) ? parts : null;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
