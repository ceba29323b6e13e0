package io.github.springsignalr.keyvault.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.springsignalr.keyvault.InvalidKeyVaultReferenceException;
import io.github.springsignalr.keyvault.KeyVaultReference;

/**
 * The hosts a Key Vault reference may name: a vault of one of Azure's clouds ({@code <name>.vault.azure.net},
 * {@code .vault.azure.cn}, {@code .vault.usgovcloudapi.net}, {@code .vault.microsoftazure.de}), and the hosts the
 * application allows besides (a vault of Azure Stack Hub, a local emulator). The application's identity gets a token
 * for whatever vault a reference names, so a reference to any other host is refused rather than sent that token.
 * <p>
 * A Managed HSM ({@code *.managedhsm.azure.net} and its clouds' forms) is refused with its own message: it holds keys,
 * not secrets.
 */
public final class KeyVaultHosts {

	/** The DNS suffixes of vaults in Azure's clouds, as Key Vault and the Azure SDK document them. */
	public static final List<String> AZURE_VAULT_SUFFIXES = List.of(".vault.azure.net", ".vault.azure.cn",
			".vault.usgovcloudapi.net", ".vault.microsoftazure.de");

	private static final List<String> MANAGED_HSM_SUFFIXES = List.of(".managedhsm.azure.net",
			".managedhsm.azure.cn", ".managedhsm.chinacloudapi.cn", ".managedhsm.usgovcloudapi.net");

	private static final Pattern VAULT_NAME = Pattern.compile("[0-9a-z-]{3,24}");

	private static final Pattern HOST_PATTERN = Pattern.compile("(\\*\\.)?[0-9a-z-]+(\\.[0-9a-z-]+)*|\\[[0-9a-f:.]+]");

	private final List<String> allowed;

	private final String property;

	/**
	 * @param allowed hosts allowed besides Azure's vaults: a host name, {@code *.} and a domain, or an IP literal
	 * @param property the property that lists them, for messages
	 * @throws IllegalArgumentException naming the entry that is not a host or a pattern of hosts
	 */
	public KeyVaultHosts(List<String> allowed, String property) {
		this.allowed = allowed.stream().map((host) -> host.strip().toLowerCase(Locale.ROOT)).toList();
		this.property = property;
		for (String host : this.allowed) {
			if (!HOST_PATTERN.matcher(host).matches()) {
				throw new IllegalArgumentException(property + ": '" + host
						+ "' is not a host name, '*.' and a domain, or an IP literal such as 127.0.0.1 or [::1]");
			}
		}
	}

	/**
	 * Only the vaults of Azure's clouds.
	 */
	public static KeyVaultHosts azureOnly() {
		return new KeyVaultHosts(List.of(), "azure.signalr.key-vault.allowed-hosts");
	}

	/**
	 * Checks the vault a reference names.
	 * @throws InvalidKeyVaultReferenceException saying why the host is refused and how to allow it
	 */
	public void check(KeyVaultReference reference) {
		String host = reference.vaultUri().getHost().toLowerCase(Locale.ROOT);
		if (isAllowed(host)) {
			return;
		}
		if (MANAGED_HSM_SUFFIXES.stream().anyMatch(host::endsWith)) {
			throw new InvalidKeyVaultReferenceException("'" + host + "' is a Managed HSM, which holds keys, not"
					+ " secrets: name a vault (<name>.vault.azure.net or its cloud's form)");
		}
		throw new InvalidKeyVaultReferenceException("'" + host + "' is not a vault of an Azure cloud (<name>"
				+ String.join(", <name>", AZURE_VAULT_SUFFIXES) + "): the application's identity would present its"
				+ " Key Vault token there; if the host is a vault of yours, list it in " + this.property);
	}

	/**
	 * Whether the starter's own client may skip Key Vault's challenge-resource verification for {@code vault}: only
	 * for an allowed loopback host, a local emulator, whose challenge cannot name a resource that {@code localhost}
	 * belongs to.
	 */
	public boolean isAllowedLoopback(URI vault) {
		String host = vault.getHost().toLowerCase(Locale.ROOT);
		return isLoopback(host) && isListed(host);
	}

	private boolean isAllowed(String host) {
		return isAzureVault(host) || isListed(host);
	}

	private static boolean isAzureVault(String host) {
		for (String suffix : AZURE_VAULT_SUFFIXES) {
			if (host.endsWith(suffix)) {
				return VAULT_NAME.matcher(host.substring(0, host.length() - suffix.length())).matches();
			}
		}
		return false;
	}

	private boolean isListed(String host) {
		for (String entry : this.allowed) {
			if (entry.startsWith("*.") ? host.endsWith(entry.substring(1)) : host.equals(entry)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isLoopback(String host) {
		return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.[0-9]{1,3}){3}");
	}

	@Override
	public String toString() {
		return "KeyVaultHosts[Azure's vaults" + (this.allowed.isEmpty() ? "" : ", " + this.allowed) + "]";
	}

}
