package io.github.springsignalr.emulator.spring;

import java.net.URI;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import org.jspecify.annotations.Nullable;

/**
 * The emulators of an application in local mode, a bean of its context: the SignalR Service emulator and, when the
 * connection string comes from Key Vault, the vault holding it. Closed with the context.
 */
public final class LocalEmulators implements AutoCloseable {

	/** The name of this bean. */
	public static final String BEAN_NAME = "signalRLocalEmulators";

	/** The vault secret holding the connection string the application uses. */
	public static final String SECRET_NAME = "signalr-local";

	private final SignalREmulator service;

	private final @Nullable KeyVaultEmulator vault;

	private LocalEmulators(SignalREmulator service, @Nullable KeyVaultEmulator vault) {
		this.service = service;
		this.vault = vault;
	}

	/**
	 * Starts the service emulator and, if asked, a vault whose secret {@value #SECRET_NAME} holds the primary
	 * connection string.
	 * @param port the service's port, 0 for a free one
	 * @param vaultPort the vault's port, 0 for a free one, or {@code null} for no vault
	 * @param upstream the upstream URL template the service posts events to, or {@code null} for none
	 */
	static LocalEmulators start(int port, @Nullable Integer vaultPort, @Nullable String upstream) {
		SignalREmulator service = SignalREmulator.builder().port(port).upstream(upstream).build().start();
		if (vaultPort == null) {
			return new LocalEmulators(service, null);
		}
		try {
			LocalEmulators emulators = new LocalEmulators(service, KeyVaultEmulator.start(vaultPort));
			emulators.useKey(KeyType.PRIMARY);
			return emulators;
		}
		catch (RuntimeException ex) {
			service.close();
			throw ex;
		}
	}

	public SignalREmulator service() {
		return this.service;
	}

	/**
	 * The vault, or {@code null} when the application was given the connection string directly.
	 */
	public @Nullable KeyVaultEmulator vault() {
		return this.vault;
	}

	public boolean hasVault() {
		return this.vault != null;
	}

	/**
	 * The Key Vault reference the application resolves, {@code @Microsoft.KeyVault(SecretUri=…)}, without version so
	 * that it is watched.
	 * @throws IllegalStateException without a vault
	 */
	public String secretReference() {
		return "@Microsoft.KeyVault(SecretUri=" + secretUri() + ")";
	}

	URI secretUri() {
		return requireVault().vaultUri().resolve("secrets/" + SECRET_NAME + "/");
	}

	/**
	 * Writes the connection string of the service's {@code key} as a new version of the secret, the first step of a
	 * rotation: the application follows within its Key Vault refresh interval.
	 * @throws IllegalStateException without a vault
	 */
	public void useKey(KeyType key) {
		requireVault().secrets().set(SECRET_NAME, this.service.connectionString(key));
	}

	private KeyVaultEmulator requireVault() {
		if (this.vault == null) {
			throw new IllegalStateException("Local mode runs without Key Vault (signalr.emulator.local.key-vault)");
		}
		return this.vault;
	}

	@Override
	public void close() {
		// Closed in reverse order, the service even when the vault fails to close.
		try (SignalREmulator service = this.service; @Nullable KeyVaultEmulator vault = this.vault) {
		}
	}

	@Override
	public String toString() {
		return "LocalEmulators[service=" + this.service.endpoint() + ", vault="
				+ ((this.vault != null) ? this.vault.vaultUri() : "none") + "]";
	}

}
