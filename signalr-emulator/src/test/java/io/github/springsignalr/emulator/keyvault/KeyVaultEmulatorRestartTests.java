package io.github.springsignalr.emulator.keyvault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A vault closed and started again, as in an outage: down in between, then back on the same port, trusted by a
 * client that trusted it before, with the secrets it held.
 */
class KeyVaultEmulatorRestartTests {

	@Test
	void startedAgainAfterCloseItServesOnTheSamePortWithTheSameCertificateAndSecrets() throws Exception {
		try (KeyVaultEmulator vault = KeyVaultEmulator.start(0)) {
			vault.secrets().set("kept", "value");
			int port = vault.port();
			HttpClient http = HttpClient.newBuilder().sslContext(vault.sslContext()).build();
			assertThat(status(http, vault)).isEqualTo(200);

			vault.close();
			assertThat(vault.isRunning()).isFalse();
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> status(HttpClient.newBuilder()
				.sslContext(vault.sslContext()).build(), vault));

			assertThat(vault.start()).isSameAs(vault);
			assertThat(vault.isRunning()).isTrue();
			assertThat(vault.port()).isEqualTo(port);
			assertThat(vault.vaultUri()).isEqualTo(URI.create("https://localhost:" + port + "/"));
			assertThat(status(http, vault)).as("the client of before trusts it still").isEqualTo(200);
			assertThat(vault.secrets().get("kept").orElseThrow().value()).isEqualTo("value");
		}
	}

	@Test
	void aRunningVaultIsNotStartedAgain() {
		try (KeyVaultEmulator vault = KeyVaultEmulator.start(0)) {
			assertThatIllegalStateException().isThrownBy(vault::start).withMessageContaining("Already running");
		}
	}

	private static int status(HttpClient http, KeyVaultEmulator vault) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(vault.vaultUri().resolve("secrets/kept?api-version=7.4"))
			.header("Authorization", "Bearer local")
			.GET()
			.build();
		return http.send(request, BodyHandlers.discarding()).statusCode();
	}

}
