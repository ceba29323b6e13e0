package io.github.springsignalr.keyvault;

import java.util.List;

/**
 * The two reads the starter makes of Key Vault: a secret's versions (without values) and one version's value. Kept
 * this narrow so that an unchanged poll costs one list call and the watcher can be tested at this boundary.
 */
public interface KeyVaultSecrets {

	/**
	 * Every version of the referenced secret, disabled ones included.
	 */
	List<SecretVersionProperties> versions(KeyVaultReference reference);

	/**
	 * The value of one version of the referenced secret.
	 * @param version the version's id
	 */
	String value(KeyVaultReference reference, String version);

}
