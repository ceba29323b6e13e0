package io.github.springsignalr.keyvault;

import java.net.URI;
import java.util.List;

import io.github.springsignalr.keyvault.internal.KeyVaultHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Which vault hosts a Key Vault reference may name.
 */
class KeyVaultHostsTests {

	private static final String PROPERTY = "azure.signalr.key-vault.allowed-hosts";

	private static KeyVaultReference reference(String host) {
		return KeyVaultReference.parse("@Microsoft.KeyVault(SecretUri=https://" + host + "/secrets/signalr/)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "myvault.vault.azure.net", "MyVault.Vault.Azure.Net", "my-vault.vault.azure.cn",
			"abc.vault.usgovcloudapi.net", "abc.vault.microsoftazure.de", "myvault.vault.azure.net:443" })
	void acceptsTheVaultsOfAzuresClouds(String host) {
		assertThatNoException().isThrownBy(() -> KeyVaultHosts.azureOnly().check(reference(host)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "vault.example.com", "localhost:8443", "127.0.0.1", "vault.azure.net",
			"a.b.vault.azure.net", "ab.vault.azure.net", "myvault.vault.azure.net.example.com",
			"evilvault.azure.net", "myvault.blob.core.windows.net" })
	void refusesAnyOtherHostNamingTheProperty(String host) {
		assertThat(catchInvalid(KeyVaultHosts.azureOnly(), host)).hasMessageContaining("is not a vault of an Azure cloud")
			.hasMessageContaining(PROPERTY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "myhsm.managedhsm.azure.net", "myhsm.managedhsm.azure.cn",
			"myhsm.managedhsm.usgovcloudapi.net" })
	void refusesAManagedHsmWhichHoldsNoSecrets(String host) {
		assertThat(catchInvalid(KeyVaultHosts.azureOnly(), host)).hasMessageContaining("holds keys, not secrets");
	}

	@Test
	void acceptsListedHostsAndDomains() {
		KeyVaultHosts hosts = new KeyVaultHosts(List.of("localhost", " *.vault.local.azurestack.external "),
				PROPERTY);
		assertThatNoException().isThrownBy(() -> hosts.check(reference("localhost:8443")));
		assertThatNoException().isThrownBy(() -> hosts.check(reference("kv1.vault.local.azurestack.external")));
		assertThat(catchInvalid(hosts, "vault.local.azurestack.external.example.com")).isNotNull();
		assertThat(catchInvalid(hosts, "127.0.0.1")).isNotNull();
	}

	@Test
	void skipsChallengeVerificationOnlyForAListedLoopbackHost() {
		KeyVaultHosts hosts = new KeyVaultHosts(List.of("localhost", "127.0.0.1", "[::1]", "*.example.com"),
				PROPERTY);
		assertThat(hosts.isAllowedLoopback(URI.create("https://localhost:8443/"))).isTrue();
		assertThat(hosts.isAllowedLoopback(URI.create("https://127.0.0.1:8443/"))).isTrue();
		assertThat(hosts.isAllowedLoopback(URI.create("https://[::1]:8443/"))).isTrue();
		assertThat(hosts.isAllowedLoopback(URI.create("https://vault.example.com/"))).isFalse();
		assertThat(hosts.isAllowedLoopback(URI.create("https://myvault.vault.azure.net/"))).isFalse();
		assertThat(KeyVaultHosts.azureOnly().isAllowedLoopback(URI.create("https://localhost:8443/"))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://vault.example.com/", "vault.example.com:443", "*", "*.", "a b" })
	void refusesAnEntryThatIsNoHostNamingTheProperty(String entry) {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyVaultHosts(List.of(entry), PROPERTY))
			.withMessageStartingWith(PROPERTY + ": ");
	}

	private static InvalidKeyVaultReferenceException catchInvalid(KeyVaultHosts hosts, String host) {
		KeyVaultReference reference = reference(host);
		try {
			hosts.check(reference);
		}
		catch (InvalidKeyVaultReferenceException ex) {
			return ex;
		}
		throw new AssertionError(host + " was accepted");
	}

}
