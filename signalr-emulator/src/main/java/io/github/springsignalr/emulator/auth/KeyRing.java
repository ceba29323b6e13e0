package io.github.springsignalr.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;

import io.github.springsignalr.emulator.KeyType;

/**
 * The instance's two access keys, swapped atomically when one is regenerated, with a signature verifier prepared for
 * each. A token signed with a key that has been replaced is refused from the moment of the swap.
 */
public final class KeyRing {

	/** HS256 needs a secret of at least 256 bits; the HMAC secret is the key's UTF-8 text. */
	static final int MIN_KEY_LENGTH = 32;

	private static final SecureRandom random = new SecureRandom();

	private final AtomicReference<Snapshot> current;

	public KeyRing(AccessKeys keys) {
		this.current = new AtomicReference<>(Snapshot.of(keys));
	}

	/**
	 * A key ring with the given keys, or random ones where {@code null}.
	 */
	public static KeyRing of(String primary, String secondary) {
		return new KeyRing(new AccessKeys((primary != null) ? primary : generateKey(),
				(secondary != null) ? secondary : generateKey()));
	}

	/**
	 * A new random key in the service's shape: 32 random bytes in base64, 43 characters and {@code =}.
	 */
	public static String generateKey() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	public AccessKeys keys() {
		return this.current.get().keys();
	}

	/**
	 * Replaces the key of the given type with a new random one.
	 * @return the new key
	 */
	public String regenerate(KeyType type) {
		String key = generateKey();
		set(type, key);
		return key;
	}

	/**
	 * Replaces the key of the given type.
	 */
	public void set(KeyType type, String key) {
		this.current.updateAndGet((snapshot) -> Snapshot.of(snapshot.keys().with(type, key)));
	}

	List<MACVerifier> verifiers() {
		return this.current.get().verifiers();
	}

	@Override
	public String toString() {
		return "KeyRing" + keys();
	}

	private record Snapshot(AccessKeys keys, List<MACVerifier> verifiers) {

		static Snapshot of(AccessKeys keys) {
			return new Snapshot(keys, List.of(verifier(keys.primary(), KeyType.PRIMARY),
					verifier(keys.secondary(), KeyType.SECONDARY)));
		}

		private static MACVerifier verifier(String key, KeyType type) {
			if (key.length() < MIN_KEY_LENGTH) {
				throw new IllegalArgumentException("The " + type.name().toLowerCase() + " access key has "
						+ key.length() + " characters; at least " + MIN_KEY_LENGTH + " are needed to sign HS256 tokens");
			}
			try {
				return new MACVerifier(key.getBytes(StandardCharsets.UTF_8));
			}
			catch (JOSEException ex) {
				throw new IllegalArgumentException("The " + type.name().toLowerCase() + " access key cannot verify tokens",
						ex);
			}
		}

	}

}
