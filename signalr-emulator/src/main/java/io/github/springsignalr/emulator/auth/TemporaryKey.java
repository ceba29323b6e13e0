package io.github.springsignalr.emulator.auth;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A temporary access key handed out by {@code GET /api/v1/auth/accessKey} to an application signed in with Microsoft
 * Entra ID, for signing client and REST tokens until it expires. {@link #toString()} shows its id only.
 *
 * @param keyId the key's id, which tokens signed with it carry as {@code kid}
 * @param accessKey the key's text, whose UTF-8 bytes are the HMAC secret
 * @param expiresAt from when tokens signed with it are refused
 * @param clientId the application it was handed to
 */
public record TemporaryKey(String keyId, String accessKey, Instant expiresAt, @Nullable String clientId) {

	boolean isExpiredAt(Instant instant) {
		return !instant.isBefore(this.expiresAt);
	}

	@Override
	public String toString() {
		return "TemporaryKey[keyId=" + this.keyId + ", expiresAt=" + this.expiresAt + ", clientId=" + this.clientId
				+ "]";
	}

}
