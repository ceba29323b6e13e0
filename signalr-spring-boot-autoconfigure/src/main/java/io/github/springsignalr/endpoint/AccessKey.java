package io.github.springsignalr.endpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A key that signs tokens for an endpoint: its id and its secret text. The HMAC secret is the UTF-8 bytes of the
 * text, as the service uses it (not its base64 decoding).
 *
 * @param id the key's id: the {@code kid} of the tokens it signs and what operators see; for an access key from a
 * connection string, its {@link #fingerprint(String) fingerprint}
 * @param value the secret text; never logged, never written by Jackson
 */
public record AccessKey(String id, @JsonIgnore String value) {

	public AccessKey {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(value, "value");
	}

	/**
	 * The access key from a connection string, identified by its fingerprint.
	 */
	public static AccessKey of(String value) {
		return new AccessKey(fingerprint(value), value);
	}

	/**
	 * A stable, non-reversible id for a key: the first 8 bytes of the SHA-256 of its UTF-8 text, in hex. The same
	 * key always has the same fingerprint, in every process, so a token's {@code kid} can be traced to a key.
	 */
	public static String fingerprint(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/**
	 * Only the id: the secret never appears.
	 */
	@Override
	public String toString() {
		return "AccessKey[id=" + this.id + "]";
	}

}
