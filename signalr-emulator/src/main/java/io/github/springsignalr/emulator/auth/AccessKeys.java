package io.github.springsignalr.emulator.auth;

import java.util.Objects;

import io.github.springsignalr.emulator.KeyType;

/**
 * The instance's primary and secondary access keys at one moment. {@link #toString()} never shows a key.
 *
 * @param primary the primary key's text
 * @param secondary the secondary key's text
 */
public record AccessKeys(String primary, String secondary) {

	public AccessKeys {
		Objects.requireNonNull(primary, "primary");
		Objects.requireNonNull(secondary, "secondary");
	}

	/**
	 * The key of the given type.
	 */
	public String key(KeyType type) {
		return (type == KeyType.PRIMARY) ? this.primary : this.secondary;
	}

	/**
	 * A copy with the key of the given type replaced.
	 */
	public AccessKeys with(KeyType type, String key) {
		return (type == KeyType.PRIMARY) ? new AccessKeys(key, this.secondary) : new AccessKeys(this.primary, key);
	}

	@Override
	public String toString() {
		return "AccessKeys[primary=" + KeyFingerprint.of(this.primary) + ", secondary="
				+ KeyFingerprint.of(this.secondary) + "]";
	}

}
