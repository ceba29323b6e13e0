package io.github.springsignalr.test;

import java.util.List;

import io.github.springsignalr.autoconfigure.SignalRConnectionDetails;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import io.github.springsignalr.test.SignalREmulatorRegistrar.EmulatedEndpoint;

import org.springframework.beans.factory.BeanFactory;

/**
 * The emulators' endpoints, read each time: a test that regenerates a key sees the application follow it on the
 * reload interval. Each is the emulator's connection string with the key asked for, its Microsoft Entra connection
 * string, or a versionless Key Vault reference to the secret holding one of these.
 */
final class EmulatorConnectionDetails implements SignalRConnectionDetails {

	private final List<EmulatedEndpoint> endpoints;

	private final KeyType key;

	private final EmulatedEntraApplication application;

	private final boolean keyVault;

	private final BeanFactory beanFactory;

	EmulatorConnectionDetails(List<EmulatedEndpoint> endpoints, KeyType key, EmulatedEntraApplication application,
			boolean keyVault, BeanFactory beanFactory) {
		this.endpoints = endpoints;
		this.key = key;
		this.application = application;
		this.keyVault = keyVault;
		this.beanFactory = beanFactory;
	}

	@Override
	public List<Endpoint> getEndpoints() {
		return this.endpoints.stream()
			.map((endpoint) -> new Endpoint(endpoint.name(), endpoint.type(), connectionString(endpoint)))
			.toList();
	}

	private String connectionString(EmulatedEndpoint endpoint) {
		if (this.keyVault) {
			KeyVaultEmulator vault = this.beanFactory.getBean(SignalREmulatorRegistrar.VAULT_BEAN,
					KeyVaultEmulator.class);
			return "@Microsoft.KeyVault(SecretUri=" + vault.vaultUri() + "secrets/" + endpoint.secretName() + "/)";
		}
		SignalREmulator emulator = this.beanFactory.getBean(endpoint.beanName(), SignalREmulator.class);
		if (this.application != null) {
			return emulator.entraConnectionString(this.application.tenantId(), this.application.clientId(),
					this.application.clientSecret());
		}
		return emulator.connectionString(this.key);
	}

	@Override
	public String toString() {
		return "EmulatorConnectionDetails" + this.endpoints;
	}

}
