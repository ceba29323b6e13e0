package io.github.springsignalr.autoconfigure.local;

import java.util.List;

import io.github.springsignalr.autoconfigure.SignalRConnectionDetails;
import io.github.springsignalr.emulator.spring.LocalEmulators;

/**
 * The local emulator's one endpoint: a Key Vault reference to the emulated vault's secret when local mode runs one (so
 * that keys rotate as in Azure), else the emulator's primary connection string.
 */
final class LocalSignalRConnectionDetails implements SignalRConnectionDetails {

	private final LocalEmulators emulators;

	LocalSignalRConnectionDetails(LocalEmulators emulators) {
		this.emulators = emulators;
	}

	@Override
	public List<Endpoint> getEndpoints() {
		// Development keys of a local emulator; never logged.
		return List.of(Endpoint.of(this.emulators.hasVault() ? this.emulators.secretReference()
				: this.emulators.service().primaryConnectionString()));
	}

	@Override
	public String toString() {
		return "LocalSignalRConnectionDetails[" + this.emulators + "]";
	}

}
