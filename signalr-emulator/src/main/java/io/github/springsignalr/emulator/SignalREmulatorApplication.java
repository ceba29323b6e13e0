package io.github.springsignalr.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;

/**
 * {@code java -jar signalr-emulator.jar}: starts the emulator (and, with {@code --vault-port}, the Key Vault
 * emulator), prints two ready connection strings and runs until stopped.
 * <p>
 * Printing the connection strings, keys included, is on purpose: they are development keys, and this is the only
 * place any key is shown.
 */
public final class SignalREmulatorApplication {

	private SignalREmulatorApplication() {
	}

	/** The Logback configuration of the command line, a resource of this jar. */
	static final String LOGBACK_CONFIGURATION = "signalr-emulator-logback.xml";

	public static void main(String[] args) throws InterruptedException, IOException {
		if (System.getProperty("logback.configurationFile") == null) {
			// Set before anything logs; the library itself never does this.
			System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
		}
		CommandLineOptions options;
		try {
			options = CommandLineOptions.parse(List.of(args));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.print(CommandLineOptions.USAGE);
			return;
		}
		SignalREmulator emulator;
		try {
			emulator = SignalREmulator.builder()
				.host(options.host())
				.port(options.port())
				.primaryKey(options.primaryKey())
				.secondaryKey(options.secondaryKey())
				.upstream(options.upstream())
				.build();
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		emulator.start();
		KeyVaultEmulator vault = (options.vaultPort() != null) ? KeyVaultEmulator.start(options.vaultPort()) : null;
		if (vault != null && options.vaultCertificateFile() != null) {
			vault.writeCertificatePem(options.vaultCertificateFile());
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (vault != null) {
				vault.close();
			}
			emulator.close();
			stopped.countDown();
		}, "signalr-emulator-shutdown"));
		printBanner(System.out, emulator, vault, options.vaultCertificateFile());
		stopped.await();
	}

	static void printBanner(PrintStream out, SignalREmulator emulator, KeyVaultEmulator vault,
			Path vaultCertificateFile) {
		out.println();
		out.println("Azure SignalR Service emulator (serverless mode) on " + emulator.endpoint());
		out.println("Connection strings:");
		out.println("  primary:   " + emulator.primaryConnectionString());
		out.println("  secondary: " + emulator.secondaryConnectionString());
		out.println("Clients connect to " + emulator.clientUrl("{hub}"));
		if (vault != null) {
			out.println("Key Vault emulator on " + vault.vaultUri()
					+ " (self-signed certificate; disable challenge resource verification)");
			if (vaultCertificateFile != null) {
				out.println("Its certificate, in PEM: " + vaultCertificateFile.toAbsolutePath());
			}
		}
		out.println("Press Ctrl+C to stop.");
		out.println();
	}

}
