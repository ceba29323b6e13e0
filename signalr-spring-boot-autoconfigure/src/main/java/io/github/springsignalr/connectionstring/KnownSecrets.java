package io.github.springsignalr.connectionstring;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The secrets this application holds (access keys current and previous, Entra client secrets and temporary keys),
 * so that {@link Secrets#redact(String)} removes their exact values whatever their shape: a key shorter than the
 * service's, or quoted JSON-escaped or URL-encoded by an HTTP client's log line, would pass every pattern.
 * <p>
 * Whoever takes a secret in registers it: the endpoint registry for every endpoint it holds, the Entra refresher for
 * each temporary key, the Key Vault watcher for each value it reads. The set is bounded: it keeps the
 * {@value #CAPACITY} most recently added, enough for every endpoint's keys and a long rotation history, and a
 * process that makes keys by the thousand (a test suite) cannot grow it without limit. Thread-safe; reads take an
 * immutable snapshot and never block. Secrets shorter than {@value #MIN_LENGTH} characters are not kept: removing
 * every occurrence of a short word would mangle unrelated text, and such a key fails start-up anyway.
 */
public final class KnownSecrets {

	/** How many secrets are kept, the most recently registered. */
	public static final int CAPACITY = 256;

	/** The shortest secret kept. */
	public static final int MIN_LENGTH = 12;

	private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-F]{2}");

	private static final Object lock = new Object();

	// Each kept secret and its forms, in registration order; guarded by lock.
	private static final LinkedHashMap<String, Set<String>> secrets = new LinkedHashMap<>();

	// Every form of every kept secret, longest first, so that a form that contains another is removed whole.
	private static volatile List<String> forms = List.of();

	// The kept secrets, for the quick check that makes registering a known secret (every registry update) cheap.
	private static volatile Set<String> known = Set.of();

	private KnownSecrets() {
	}

	/**
	 * Remembers a secret so that it is redacted from now on; {@code null} and short values are ignored.
	 */
	public static void register(@Nullable String secret) {
		if (secret == null || secret.length() < MIN_LENGTH || known.contains(secret)) {
			return;
		}
		synchronized (lock) {
			if (secrets.containsKey(secret)) {
				return;
			}
			if (secrets.size() >= CAPACITY) {
				secrets.remove(secrets.keySet().iterator().next());
			}
			secrets.put(secret, formsOf(secret));
			Set<String> all = new LinkedHashSet<>();
			secrets.values().forEach(all::addAll);
			List<String> sorted = new ArrayList<>(all);
			sorted.sort(Comparator.comparingInt(String::length).reversed());
			forms = List.copyOf(sorted);
			known = Set.copyOf(secrets.keySet());
		}
	}

	/**
	 * Registers the secrets of a connection string: its access key and client secret.
	 */
	public static void register(ConnectionString connectionString) {
		if (connectionString != null) {
			register(connectionString.accessKey());
			register(connectionString.clientSecret());
		}
	}

	/**
	 * Whether {@code text} holds a registered secret in any of its forms.
	 */
	public static boolean occursIn(String text) {
		return text != null && forms.stream().anyMatch(text::contains);
	}

	/**
	 * The text with every form of every registered secret replaced by {@code marker}.
	 */
	static String redact(String text, String marker) {
		String redacted = text;
		for (String form : forms) {
			if (redacted.contains(form)) {
				redacted = redacted.replace(form, marker);
			}
		}
		return redacted;
	}

	/**
	 * The forms a secret takes in text: raw, JSON-escaped (with and without {@code \/}, and with {@code \}{@code u}
	 * escapes of the characters a base64 key holds), and URL-encoded (as {@link URLEncoder} writes it, with {@code ~}
	 * left alone as RFC 3986 does, and with lower-case hex digits).
	 */
	static Set<String> formsOf(String secret) {
		Set<String> forms = new LinkedHashSet<>();
		forms.add(secret);
		String json = jsonEscaped(secret);
		forms.add(json);
		forms.add(json.replace("/", "\\/"));
		forms.add(json.replace("/", "\\u002F").replace("+", "\\u002B").replace("=", "\\u003D"));
		forms.add(json.replace("/", "\\u002f").replace("+", "\\u002b").replace("=", "\\u003d"));
		String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
		forms.add(url);
		forms.add(url.replace("%7E", "~"));
		forms.add(lowerCaseEscapes(url));
		forms.add(lowerCaseEscapes(url.replace("%7E", "~")));
		forms.add(url.replace("+", "%20"));
		return forms;
	}

	private static String jsonEscaped(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	private static String lowerCaseEscapes(String url) {
		Matcher matcher = PERCENT_ESCAPE.matcher(url);
		return matcher.replaceAll((result) -> result.group().toLowerCase(Locale.ROOT));
	}

}
