package io.github.springsignalr.connectionstring;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Removes secrets from text that is about to be logged or shown. Use it wherever a connection string or the message of
 * an exception from elsewhere (an HTTP client, a resolver, a user's code) could reach a log line. It removes, in this
 * order:
 * <ul>
 * <li>the exact value of every secret the application holds ({@link KnownSecrets}), raw, JSON-escaped or
 * URL-encoded, whatever its length or alphabet;</li>
 * <li>the value of every {@code AccessKey=} and {@code ClientSecret=} up to the next {@code ;}, of
 * {@code client_secret=} and {@code AccessKey%3D} up to the next {@code &} or {@code %3B}, and of JSON and YAML fields
 * named so ({@code "accessKey": "…"}, {@code client-secret: …});</li>
 * <li>JSON web tokens ({@code eyJ…}, header, payload and signature);</li>
 * <li>runs of 32 or more base64 or base64url characters (escaped {@code \/} and percent-encoded {@code %2B},
 * {@code %2F} count as theirs), padded or not: the service's keys are 44, Entra's temporary keys and most API keys are
 * of this shape. A run made of words (a class name, a path such as {@code /Users/Me/Projects}, a constant such as
 * {@code AZURE_SIGNALR_CONNECTIONSTRING_EAST}), lower-case hex (a digest, a Key Vault version) or a GUID, or of such
 * parts between {@code /}, is no key and stays.</li>
 * </ul>
 */
public final class Secrets {

	/** What a removed secret is replaced with. */
	public static final String MARKER = "<redacted>";

	/** An access key as the service issues them: 32 random bytes in base64, 43 characters and {@code =}. */
	public static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9+/]{43}=");

	/** The shortest run of base64 characters taken for a secret. */
	public static final int MIN_SECRET_RUN = 32;

	// A connection string's secret values, keys in any case and with blanks around '=' as the parser allows.
	private static final Pattern SECRET_VALUE = Pattern.compile("(?i)\\b(AccessKey|ClientSecret)(\\s*=)[^;]*");

	// The same in a form body or a URL-encoded connection string: OAuth's client_secret, AccessKey%3D…%3B.
	private static final Pattern FORM_VALUE = Pattern.compile(
			"(?i)((?:access_key|client_secret)=|(?:access[-_]?key|client[-_]?secret)%3D)(?:(?!%3B)[^;&\\s\"'<])+");

	// A JSON field: "accessKey": "…", "client_secret":"…", escapes inside the value included.
	private static final Pattern JSON_VALUE = Pattern
		.compile("(?i)(\"(?:access[-_]?key|client[-_]?secret)\"\\s*:\\s*\")(?:\\\\.|[^\"\\\\])+");

	// A YAML or properties entry in Spring's kebab or snake case: access-key: …, client_secret: '…'.
	private static final Pattern YAML_VALUE = Pattern
		.compile("(?i)(?<![\\w-])((?:access[-_]key|client[-_]secret)\\s*:[ \\t]*['\"]?)[^\\s'\",}]+");

	// A JWT, JWS or unsecured: three base64url parts, the header's JSON starting '{"' (base64 "eyJ").
	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

	// One base64 or base64url character, also JSON-escaped or percent-encoded; then padding, in the same forms.
	private static final Pattern BASE64_RUN = Pattern.compile("(?:[A-Za-z0-9+/_-]|\\\\/|\\\\u002[BbFf]|%2[BbFf])++"
			+ "(?:=|\\\\u003[Dd]|%3[Dd]){0,2}+");

	private static final Pattern ESCAPED = Pattern.compile("\\\\/|\\\\u002[BbFf]|%2[BbFf]|\\\\u003[Dd]|%3[Dd]");

	// What a part of such a run between '/' is when it is no key: words, each lower case or capitalised (three letters
	// at least), a few digits after them, between '-' or '_' (names, paths, class names); constants
	// (AZURE_SIGNALR_CONNECTIONSTRING_EAST); lower-case hex (digests, Key Vault versions); a GUID; separators or
	// digits alone. Random base64 of 32 characters or more passes for these far less than once in a million.
	private static final String WORD = "(?:[A-Z][a-z]{2,}+|[a-z]++)++[0-9]{0,3}+";

	private static final Pattern NO_KEY_PART = Pattern.compile("[_-]*+" + WORD + "(?:[_-]++(?:" + WORD
			+ "|[0-9]++))*+[_-]*+|[0-9a-f]++|[A-Z][A-Z0-9]*+(?:_[A-Z0-9]++)++"
			+ "|[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}|[_-]++|[0-9]++");

	private Secrets() {
	}

	/**
	 * The text with every secret replaced by {@link #MARKER}; {@code null} stays {@code null}.
	 */
	public static @Nullable String redact(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String redacted = KnownSecrets.redact(text, MARKER);
		redacted = SECRET_VALUE.matcher(redacted).replaceAll("$1$2" + MARKER);
		redacted = FORM_VALUE.matcher(redacted).replaceAll("$1" + MARKER);
		redacted = JSON_VALUE.matcher(redacted).replaceAll("$1" + MARKER);
		redacted = YAML_VALUE.matcher(redacted).replaceAll("$1" + MARKER);
		redacted = JWT.matcher(redacted).replaceAll(MARKER);
		return BASE64_RUN.matcher(redacted).replaceAll((run) -> Matcher.quoteReplacement(redactRun(run.group())));
	}

	// A secret run whole, but for a short path before it ("h/" of "https://h/<key>"): too short to hold a secret.
	private static String redactRun(String run) {
		if (!looksLikeSecret(run)) {
			return run;
		}
		for (int end = Math.min(run.length(), 7); end > 0; end--) {
			if (run.charAt(end - 1) == '/' && looksLikeSecret(run.substring(end))) {
				return run.substring(0, end) + MARKER;
			}
		}
		return MARKER;
	}

	/**
	 * The message of {@code ex}, redacted: for exceptions thrown by code that does not promise to keep secrets out.
	 */
	public static @Nullable String redactedMessage(Throwable ex) {
		return redact(ex.getMessage());
	}

	/**
	 * Whether a value could be a secret by its shape alone: a JWT, or a run of {@value #MIN_SECRET_RUN} or more base64
	 * or base64url characters as {@link #redact(String)} removes them.
	 */
	public static boolean hasSecretShape(String text) {
		if (text == null) {
			return false;
		}
		if (JWT.matcher(text).find()) {
			return true;
		}
		Matcher run = BASE64_RUN.matcher(text);
		while (run.find()) {
			if (looksLikeSecret(run.group())) {
				return true;
			}
		}
		return false;
	}

	private static boolean looksLikeSecret(String run) {
		String plain = ESCAPED.matcher(run).replaceAll((escape) -> switch (escape.group().toUpperCase(Locale.ROOT)) {
			case "\\/", "\\U002F", "%2F" -> "/";
			case "\\U002B", "%2B" -> "+";
			default -> "=";
		});
		int end = plain.length();
		while (end > 0 && plain.charAt(end - 1) == '=') {
			end--;
		}
		String body = plain.substring(0, end);
		if (body.length() < MIN_SECRET_RUN) {
			return false;
		}
		for (String part : body.split("/")) {
			if (!part.isEmpty() && !NO_KEY_PART.matcher(part).matches()) {
				return true;
			}
		}
		return false;
	}

}
