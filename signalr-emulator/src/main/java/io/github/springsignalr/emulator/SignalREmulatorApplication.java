package io.github.springsignalr.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.github.springsignalr.emulator.auth.KeyRing;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.emulator.keyvault.KeyVaultEmulator;
import org.jspecify.annotations.Nullable;

/**
 * {@code java -jar signalr-emulator.jar}: starts the emulator (and, with {@code --vault-port}, the Key Vault
 * emulator; with {@code --entra-port}, a Microsoft Entra ID emulator it trusts, with an example app registration),
 * prints two ready connection strings and runs until stopped.
 * <p>
 * Printing the connection strings, keys and the example client secret included, is on purpose: they are
 * development secrets, made for this run, and this is the only place any of them is shown.
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
		EntraBanner entra = (options.entraPort() != null) ? EntraBanner.start(options.entraPort()) : null;
		if (entra != null && options.entraCertificateFile() != null) {
			entra.entra().writeCertificatePem(options.entraCertificateFile());
		}
		SignalREmulator emulator;
		try {
			SignalREmulator.Builder builder = SignalREmulator.builder()
				.host(options.host())
				.port(options.port())
				.primaryKey(options.primaryKey())
				.secondaryKey(options.secondaryKey())
				.upstream(options.upstream())
				.entra((entra != null) ? entra.entra() : null);
			if (entra != null && options.upstreamResource() != null) {
				builder.upstreamManagedIdentity(entra.entra(), entra.tenantId(), options.upstreamResource());
			}
			emulator = builder.build();
			if (entra != null) {
				// The example application may do what a serverless app server does, as once its role is assigned.
				emulator.assignEntraRoles(entra.clientId(), SignalRRole.SERVICE_OWNER);
			}
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
			if (entra != null) {
				entra.entra().close();
			}
			stopped.countDown();
		}, "signalr-emulator-shutdown"));
		printBanner(System.out, emulator, vault, options.vaultCertificateFile(), entra, options.entraCertificateFile());
		stopped.await();
	}

	static void printBanner(PrintStream out, SignalREmulator emulator, @Nullable KeyVaultEmulator vault,
			@Nullable Path vaultCertificateFile, @Nullable EntraBanner entra, @Nullable Path entraCertificateFile) {
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
		if (entra != null) {
			out.println("Microsoft Entra ID emulator on " + entra.entra().authorityHost()
					+ " (authority host; self-signed certificate)");
			if (entraCertificateFile != null) {
				out.println("Its certificate, in PEM: " + entraCertificateFile.toAbsolutePath());
			}
			out.println("Example app registration (a development secret, shown only here):");
			out.println("  tenant id:     " + entra.tenantId());
			out.println("  client id:     " + entra.clientId());
			out.println("  client secret: " + entra.clientSecret());
			out.println("  connection string: "
					+ emulator.entraConnectionString(entra.tenantId(), entra.clientId(), entra.clientSecret()));
			// The starter sends an Entra token only to the service's hosts unless told otherwise.
			out.println("  with the Spring Boot starter, also set azure.signalr.entra.allowed-hosts=localhost");
			if (emulator.upstreamIdentity() != null) {
				out.println("Upstream requests carry a token of managed identity " + emulator.upstreamIdentity().clientId()
						+ " for " + emulator.upstreamIdentity().resource() + " (tenant " + entra.tenantId() + ")");
			}
		}
		out.println("Press Ctrl+C to stop.");
		out.println();
	}

	/**
	 * The Microsoft Entra ID emulator of the command line and its example app registration. {@link #toString()}
	 * leaves the secret out.
	 */
	record EntraBanner(EntraEmulator entra, String tenantId, String clientId, String clientSecret) {

		static EntraBanner start(int port) {
			EntraEmulator entra = EntraEmulator.start(port);
			String tenantId = UUID.randomUUID().toString();
			String clientId = UUID.randomUUID().toString();
			// Shaped like a portal-made secret: 40 characters with a tilde, so tools that expect one accept it.
			String clientSecret = "dev~" + KeyRing.generateKey().replace('+', '-').replace('/', '_').substring(0, 36);
			entra.registerApplication(tenantId, clientId, clientSecret);
			return new EntraBanner(entra, tenantId, clientId, clientSecret);
		}

		@Override
		public String toString() {
			return "EntraBanner[" + this.entra + ", tenantId=" + this.tenantId + ", clientId=" + this.clientId + "]";
		}

	}

}
