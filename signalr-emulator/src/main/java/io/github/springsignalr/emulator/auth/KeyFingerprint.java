package io.github.springsignalr.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stable, non-reversible name for a key: the first bytes of its SHA-256, in hex. Safe to log.
 */
public final class KeyFingerprint {

	private KeyFingerprint() {
	}

	/**
	 * The fingerprint of {@code key}, 16 hex characters.
	 */
	public static String of(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
