package io.github.springsignalr.emulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.springsignalr.emulator.SignalREmulatorApplication.EntraBanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The command line: its options and what it prints at start.
 */
class CommandLineOptionsTests {

	private static final String KEY = "k".repeat(43) + "=";

	@Test
	void defaults() {
		assertThat(CommandLineOptions.parse(List.of()))
			.isEqualTo(new CommandLineOptions("localhost", 8888, null, null, null, null, null, null, null, null, false));
	}

	@Test
	void everyOptionInBothForms() {
		CommandLineOptions options = CommandLineOptions.parse(List.of("--host", "0.0.0.0", "--port=0",
				"--primary-key", KEY, "--secondary-key=" + KEY, "--upstream", "http://localhost:7071/{event}?a=b",
				"--vault-port", "8443", "--vault-certificate=vault.pem", "--entra-port=0", "--entra-certificate",
				"entra.pem", "--upstream-resource", "api://upstream"));
		assertThat(options).isEqualTo(new CommandLineOptions("0.0.0.0", 0, KEY, KEY,
				"http://localhost:7071/{event}?a=b", 8443, Path.of("vault.pem"), 0, Path.of("entra.pem"), "api://upstream", false));
		assertThat(options.toString()).doesNotContain(KEY);
		assertThat(CommandLineOptions.parse(List.of("--help")).help()).isTrue();
	}

	@Test
	void errorsNameTheOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.parse(List.of("--port", "x")))
			.withMessageContaining("--port");
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.parse(List.of("--port=70000")))
			.withMessageContaining("--port");
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.parse(List.of("--primary-key")))
			.withMessageContaining("--primary-key needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.parse(List.of("--nope", "1")))
			.withMessageContaining("Unknown option --nope");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CommandLineOptions.parse(List.of("--vault-certificate", "x.pem")))
			.withMessageContaining("--vault-port");
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.parse(List.of("--entra-port", "-1")))
			.withMessageContaining("--entra-port");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CommandLineOptions.parse(List.of("--entra-certificate", "x.pem")))
			.withMessageContaining("--entra-port");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CommandLineOptions.parse(List.of("--upstream", "http://localhost/{event}",
					"--upstream-resource", "api://upstream")))
			.withMessageContaining("--upstream-resource needs --upstream and --entra-port");
	}

	@Test
	void bannerPrintsBothConnectionStrings() {
		try (SignalREmulator emulator = SignalREmulator.builder().port(0).build().start()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			SignalREmulatorApplication.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), emulator, null,
					null, null, null);
			assertThat(out.toString(StandardCharsets.UTF_8))
				.contains("primary:   " + emulator.primaryConnectionString())
				.contains("secondary: " + emulator.secondaryConnectionString())
				.contains(emulator.endpoint() + "/client/?hub={hub}")
				.doesNotContain("Key Vault")
				.doesNotContain("Entra");
		}
	}

	@Test
	void bannerPrintsTheEntraAuthorityAndExampleRegistrationOnce() {
		EntraBanner entra = EntraBanner.start(0);
		try (SignalREmulator emulator = SignalREmulator.builder().port(0).entra(entra.entra()).build().start()) {
			// As main does: the example registration holds the role a serverless app server needs.
			emulator.assignEntraRoles(entra.clientId(), SignalRRole.SERVICE_OWNER);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			SignalREmulatorApplication.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), emulator, null,
					null, entra, Path.of("entra.pem"));
			String banner = out.toString(StandardCharsets.UTF_8);
			assertThat(banner).contains("Microsoft Entra ID emulator on " + entra.entra().authorityHost())
				.contains("tenant id:     " + entra.tenantId())
				.contains("client id:     " + entra.clientId())
				.contains(emulator.entraConnectionString(entra.tenantId(), entra.clientId(), entra.clientSecret()))
				.contains("entra.pem");
			assertThat(banner.split(java.util.regex.Pattern.quote(entra.clientSecret()), -1)).hasSize(3);
			assertThat(entra.toString()).doesNotContain(entra.clientSecret());
			// The example registration signs in, and the emulator trusts its token.
			assertThat(EntraClient.accessKeyResponse(emulator, new EntraClient(entra.entra(), entra.tenantId(),
					entra.clientId(), entra.clientSecret()).signalRToken()).statusCode()).isEqualTo(200);
		}
		finally {
			entra.entra().close();
		}
	}

}
