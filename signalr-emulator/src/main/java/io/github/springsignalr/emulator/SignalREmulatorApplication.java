package io.github.springsignalr.emulator;

import java.io.PrintStream;
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

	public static void main(String[] args) throws InterruptedException {
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
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (vault != null) {
				vault.close();
			}
			emulator.close();
			stopped.countDown();
		}, "signalr-emulator-shutdown"));
		printBanner(System.out, emulator, vault);
		stopped.await();
	}

	static void printBanner(PrintStream out, SignalREmulator emulator, KeyVaultEmulator vault) {
		out.println();
		out.println("Azure SignalR Service emulator (serverless mode) on " + emulator.endpoint());
		out.println("Connection strings:");
		out.println("  primary:   " + emulator.primaryConnectionString());
		out.println("  secondary: " + emulator.secondaryConnectionString());
		out.println("Clients connect to " + emulator.clientUrl("{hub}"));
		if (vault != null) {
			out.println("Key Vault emulator on " + vault.vaultUri()
					+ " (self-signed certificate; disable challenge resource verification)");
		}
		out.println("Press Ctrl+C to stop.");
		out.println();
	}

}
