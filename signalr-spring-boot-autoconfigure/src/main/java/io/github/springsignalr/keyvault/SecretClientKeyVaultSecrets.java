package io.github.springsignalr.keyvault;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.SecretProperties;

/**
 * {@link KeyVaultSecrets} through the Azure SDK's {@link SecretClient}, one client per vault, made on first use.
 */
public class SecretClientKeyVaultSecrets implements KeyVaultSecrets {

	private final Function<URI, SecretClient> clients;

	private final Map<URI, SecretClient> byVault = new ConcurrentHashMap<>();

	/**
	 * @param clients makes the client of a vault from its URI (with the application's credential and HTTP settings)
	 */
	public SecretClientKeyVaultSecrets(Function<URI, SecretClient> clients) {
		this.clients = clients;
	}

	@Override
	public List<SecretVersionProperties> versions(KeyVaultReference reference) {
		List<SecretVersionProperties> versions = new ArrayList<>();
		for (SecretProperties properties : client(reference).listPropertiesOfSecretVersions(reference.secretName())) {
			versions.add(new SecretVersionProperties(properties.getVersion(),
					Boolean.TRUE.equals(properties.isEnabled()),
					(properties.getNotBefore() != null) ? properties.getNotBefore().toInstant() : null,
					(properties.getExpiresOn() != null) ? properties.getExpiresOn().toInstant() : null,
					properties.getCreatedOn().toInstant()));
		}
		return versions;
	}

	@Override
	public String value(KeyVaultReference reference, String version) {
		return client(reference).getSecret(reference.secretName(), version).getValue();
	}

	private SecretClient client(KeyVaultReference reference) {
		return this.byVault.computeIfAbsent(reference.vaultUri(), this.clients);
	}

}
