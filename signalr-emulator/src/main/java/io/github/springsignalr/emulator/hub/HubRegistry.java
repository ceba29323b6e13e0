package io.github.springsignalr.emulator.hub;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The instance's hubs by name. Hub names are case-insensitive, as the service's are: each is kept lower-cased.
 */
public final class HubRegistry {

	/** The service's rule for hub (and application) names. */
	private static final Pattern VALID_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_`,.\\[\\]]{0,127}$");

	private final Map<String, Hub> hubs = new ConcurrentHashMap<>();

	private final Clock clock;

	public HubRegistry(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The hub of that name, made on first use.
	 */
	public Hub hub(@Nullable String name) {
		String key = normalize(name);
		return this.hubs.computeIfAbsent(key, (hub) -> new Hub(hub, this.clock));
	}

	/**
	 * The number of connections in every hub.
	 */
	public int connectionCount() {
		return this.hubs.values().stream().mapToInt(Hub::connectionCount).sum();
	}

	/**
	 * Sends a close message to every connection.
	 */
	public void closeAll(String reason) {
		this.hubs.values().forEach((hub) -> hub.close((connection) -> true, reason));
	}

	/**
	 * Whether {@code name} is a valid hub name: a letter, then up to 127 letters, digits or {@code _`,.[]}.
	 */
	public static boolean isValidName(String name) {
		return name != null && VALID_NAME.matcher(name).matches();
	}

	public static String normalize(String hub) {
		return hub.toLowerCase(Locale.ROOT);
	}

}
