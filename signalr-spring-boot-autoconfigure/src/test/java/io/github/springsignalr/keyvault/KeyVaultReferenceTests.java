package io.github.springsignalr.keyvault;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeyVaultReferenceTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/signalr-east/) | https://myvault.vault.azure.net/ | signalr-east |
			@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/signalr-east) | https://myvault.vault.azure.net/ | signalr-east |
			@Microsoft.KeyVault(SecretUri=https://MyVault.vault.azure.net/secrets/s/0123456789abcdef0123456789abcdef) | https://myvault.vault.azure.net/ | s | 0123456789abcdef0123456789abcdef
			@Microsoft.KeyVault(SecretUri=https://localhost:8443/secrets/s/) | https://localhost:8443/ | s |
			@Microsoft.KeyVault(VaultName=myvault;SecretName=signalr-east) | https://myvault.vault.azure.net/ | signalr-east |
			@microsoft.keyvault( secretname = s ; vaultname = MyVault ; secretversion = abc123 ; ) | https://myvault.vault.azure.net/ | s | abc123
			""")
	void parsesBothForms(String text, String vault, String name, String version) {
		KeyVaultReference reference = KeyVaultReference.parse(text);
		assertThat(reference.vaultUri()).isEqualTo(URI.create(vault));
		assertThat(reference.secretName()).isEqualTo(name);
		assertThat(reference.version()).isEqualTo(version);
		assertThat(reference.isVersionless()).isEqualTo(version == null);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/s/ | ends with ')'
			@Microsoft.KeyVault() | empty
			@Microsoft.KeyVault(SecretUri=http://v.vault.azure.net/secrets/s/) | absolute https
			@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/keys/s/) | /secrets/<name>/
			@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/s/v/extra) | /secrets/<name>/
			@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/s/?x=1) | no query
			@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/s_1/) | not a secret name
			@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/s/;SecretName=s) | cannot be combined
			@Microsoft.KeyVault(VaultName=myvault) | missing SecretName
			@Microsoft.KeyVault(SecretName=s) | missing VaultName
			@Microsoft.KeyVault(VaultName=v;SecretName=s) | not a vault name
			@Microsoft.KeyVault(VaultName=myvault;SecretName=s;SecretName=t) | given twice
			@Microsoft.KeyVault(VaultName=myvault;SecretName=s;Version=1) | unknown key 'Version'
			@Microsoft.KeyVault(VaultName=myvault;SecretName=) | SecretName is empty
			@Microsoft.KeyVault(VaultName=myvault;SecretName) | not a Key=Value pair
			""")
	void refusesMalformedReferences(String text, String message) {
		assertThatExceptionOfType(InvalidKeyVaultReferenceException.class)
			.isThrownBy(() -> KeyVaultReference.parse(text))
			.withMessageContaining(message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "@Microsoft.KeyVault(", "  @MICROSOFT.KEYVAULT(x)" })
	void recognisesReferencesWhateverTheirShape(String text) {
		assertThat(KeyVaultReference.isReference(text)).isTrue();
	}

	@Test
	void connectionStringIsNotAReference() {
		assertThat(KeyVaultReference.isReference("Endpoint=https://a.service.signalr.net;AccessKey=x;")).isFalse();
		assertThat(KeyVaultReference.isReference(null)).isFalse();
	}

	@Test
	void toStringIsTheSecretUriForm() {
		assertThat(KeyVaultReference.parse("@Microsoft.KeyVault(VaultName=myvault;SecretName=s)"))
			.hasToString("@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/s)");
	}

}
