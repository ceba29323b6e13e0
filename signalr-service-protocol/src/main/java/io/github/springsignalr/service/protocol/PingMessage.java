package io.github.springsignalr.service.protocol;

import java.util.List;
import java.util.Optional;

/**
 * A keep-alive, and the carrier of the service's control pairs ({@code [3, key1, value1, key2, value2, …]}): the
 * strings are flattened into the message's array, not nested in one.
 *
 * @param messages the keys and values, in order
 */
public record PingMessage(List<String> messages) implements ServiceMessage {

	/**
	 * The plain keep-alive, {@code [3]}.
	 */
	public static final PingMessage KEEP_ALIVE = new PingMessage(List.of());

	public PingMessage {
		messages = List.copyOf(messages);
	}

	/**
	 * A ping of key/value pairs.
	 */
	public static PingMessage of(String... pairs) {
		return new PingMessage(List.of(pairs));
	}

	/**
	 * The value after the first {@code key} at an even position, as the SDK's {@code TryGetValue} reads it (keys are
	 * compared exactly).
	 */
	public Optional<String> value(String key) {
		for (int i = 0; i + 1 < this.messages.size(); i += 2) {
			if (this.messages.get(i).equals(key)) {
				return Optional.of(this.messages.get(i + 1));
			}
		}
		return Optional.empty();
	}

}
