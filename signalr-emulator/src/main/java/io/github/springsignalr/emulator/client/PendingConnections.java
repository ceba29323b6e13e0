package io.github.springsignalr.emulator.client;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Connections negotiated but not yet connected, by connection token. A token is used once, and only within a
 * minute of its negotiation.
 */
final class PendingConnections {

	static final Duration TIME_TO_CONNECT = Duration.ofMinutes(1);

	private static final SecureRandom random = new SecureRandom();

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final Clock clock;

	PendingConnections(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A new random id, 22 URL-safe characters, as ASP.NET Core makes connection ids and tokens.
	 */
	static String newId() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	void add(String connectionToken, String hub, String connectionId) {
		Instant now = this.clock.instant();
		this.pending.values().removeIf((entry) -> !now.isBefore(entry.expiry()));
		this.pending.put(connectionToken, new Pending(hub, connectionId, now.plus(TIME_TO_CONNECT)));
	}

	/**
	 * Takes the connection negotiated for {@code hub} with {@code connectionToken}.
	 * @return its connection id, or {@code null} if there is none (unknown, used, expired or for another hub)
	 */
	@Nullable String take(String connectionToken, String hub) {
		Pending entry = this.pending.remove(connectionToken);
		if (entry == null || !entry.hub().equals(hub) || !this.clock.instant().isBefore(entry.expiry())) {
			return null;
		}
		return entry.connectionId();
	}

	private record Pending(String hub, String connectionId, Instant expiry) {

	}

}
