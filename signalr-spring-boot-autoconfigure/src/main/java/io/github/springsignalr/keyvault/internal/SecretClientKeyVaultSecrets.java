package io.github.springsignalr.keyvault.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.github.springsignalr.keyvault.KeyVaultReference;
import io.github.springsignalr.keyvault.KeyVaultSecrets;
import io.github.springsignalr.keyvault.SecretVersionProperties;

/**
 * {@link KeyVaultSecrets} through the Azure SDK's {@link SecretClient}, one client per vault, made on first use. A
 * listing costs one call per page (Key Vault pages 25 versions at most); every page is read, since Key Vault promises
 * no order of the versions. A 403 that is not about a disabled version becomes a {@link SecretAccessDeniedException}
 * naming the permission.
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
		try {
			for (SecretProperties properties : client(reference)
				.listPropertiesOfSecretVersions(reference.secretName())) {
				versions.add(new SecretVersionProperties(properties.getVersion(),
						Boolean.TRUE.equals(properties.isEnabled()),
						(properties.getNotBefore() != null) ? properties.getNotBefore().toInstant() : null,
						(properties.getExpiresOn() != null) ? properties.getExpiresOn().toInstant() : null,
						properties.getCreatedOn().toInstant()));
			}
		}
		catch (HttpResponseException ex) {
			throw denied(ex, "List", reference);
		}
		return versions;
	}

	@Override
	public String value(KeyVaultReference reference, String version) {
		try {
			return client(reference).getSecret(reference.secretName(), version).getValue();
		}
		catch (HttpResponseException ex) {
			throw denied(ex, "Get", reference);
		}
	}

	private static RuntimeException denied(HttpResponseException ex, String permission, KeyVaultReference reference) {
		boolean forbidden = ex.getResponse() != null && ex.getResponse().getStatusCode() == 403;
		// A disabled version is refused with 403 too, its inner error SecretDisabled: not a missing permission.
		if (!forbidden || String.valueOf(ex.getMessage()).contains("SecretDisabled")) {
			return ex;
		}
		return new SecretAccessDeniedException(permission, reference.secretId(), ex);
	}

	private SecretClient client(KeyVaultReference reference) {
		return this.byVault.computeIfAbsent(reference.vaultUri(), this.clients);
	}

}
