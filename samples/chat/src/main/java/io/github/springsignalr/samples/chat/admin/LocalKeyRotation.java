package io.github.springsignalr.samples.chat.admin;

import java.time.Duration;
import java.time.Instant;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.spring.LocalEmulators;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.AccessKey;

/**
 * The service's key-rotation procedure, against the embedded emulators: put the connection string of the key not in
 * use into Key Vault, wait until the application signs with it, then regenerate the key it replaced.
 * <p>
 * In Azure the last step waits until the old key is safe to regenerate (the switch plus the token lifetime, which the
 * {@link KeyRotationStatus} shows): tokens it signed stay valid until then. The demo regenerates at once; connections
 * already open stay open, and a reconnecting page negotiates a new token.
 */
public class LocalKeyRotation {

	private static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(30);

	private final LocalEmulators emulators;

	private final KeyRotationStatus status;

	private KeyType inUse = KeyType.PRIMARY;

	LocalKeyRotation(LocalEmulators emulators, KeyRotationStatus status) {
		this.emulators = emulators;
		this.status = status;
	}

	public boolean isAvailable() {
		return this.emulators.hasVault();
	}

	/**
	 * Runs one rotation.
	 * @return the id of the key now in use
	 * @throws IllegalStateException if the application does not follow the vault in time
	 */
	public synchronized String rotate() throws InterruptedException {
		KeyType next = (this.inUse == KeyType.PRIMARY) ? KeyType.SECONDARY : KeyType.PRIMARY;
		String nextKeyId = AccessKey.of(this.emulators.service().accessKey(next)).id();
		this.emulators.useKey(next);
		awaitKeyInUse(nextKeyId);
		this.emulators.service().regenerateKey(this.inUse);
		this.inUse = next;
		return nextKeyId;
	}

	private void awaitKeyInUse(String keyId) throws InterruptedException {
		Instant deadline = Instant.now().plus(FOLLOW_TIMEOUT);
		while (this.status.all().stream().noneMatch((endpoint) -> keyId.equals(endpoint.keyId()))) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("The application did not switch to key " + keyId + " within "
						+ FOLLOW_TIMEOUT.toSeconds() + " s");
			}
			Thread.sleep(100);
		}
	}

}
