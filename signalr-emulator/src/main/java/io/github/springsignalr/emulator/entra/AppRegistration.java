package io.github.springsignalr.emulator.entra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An application registered in a tenant, with its client secret kept as a SHA-256 digest only. {@link #toString()}
 * never shows the secret.
 *
 * @param tenantId the tenant
 * @param clientId the application (client) id
 * @param objectId the object id of its service principal, the {@code oid} of its tokens
 * @param secretDigest the SHA-256 of the client secret's UTF-8 bytes
 */
record AppRegistration(String tenantId, String clientId, String objectId, byte[] secretDigest) {

	static AppRegistration of(String tenantId, String clientId, String objectId, String clientSecret) {
		return new AppRegistration(tenantId, clientId, objectId, digest(clientSecret));
	}

	/**
	 * Whether {@code clientSecret} is this application's secret, compared in constant time.
	 */
	boolean hasSecret(String clientSecret) {
		return clientSecret != null && MessageDigest.isEqual(this.secretDigest, digest(clientSecret));
	}

	private static byte[] digest(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "AppRegistration[tenantId=" + this.tenantId + ", clientId=" + this.clientId + ", objectId="
				+ this.objectId + "]";
	}

}
