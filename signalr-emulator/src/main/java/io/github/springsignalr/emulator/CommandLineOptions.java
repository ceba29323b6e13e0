package io.github.springsignalr.emulator;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The options of {@code java -jar signalr-emulator.jar}.
 *
 * @param host the host to bind to
 * @param port the port, 0 for a free one
 * @param primaryKey the primary key, or {@code null} for a random one
 * @param secondaryKey the secondary key, or {@code null} for a random one
 * @param upstream the upstream URL template, or {@code null}
 * @param vaultPort the Key Vault emulator's port (0 for a free one), or {@code null} for no vault
 * @param vaultCertificateFile where to write the vault's certificate in PEM, or {@code null}
 * @param entraPort the Microsoft Entra ID emulator's port (0 for a free one), or {@code null} for none
 * @param entraCertificateFile where to write its certificate in PEM, or {@code null}
 * @param upstreamResource the resource (audience) of the managed identity's token on upstream requests, or
 * {@code null} for none
 * @param help whether to print the usage and stop
 */
record CommandLineOptions(String host, int port, @Nullable String primaryKey, @Nullable String secondaryKey,
		@Nullable String upstream, @Nullable Integer vaultPort, @Nullable Path vaultCertificateFile,
		@Nullable Integer entraPort, @Nullable Path entraCertificateFile, @Nullable String upstreamResource,
		boolean help) {

	static final String USAGE = """
			Usage: java -jar signalr-emulator.jar [options]

			A local Azure SignalR Service (serverless mode) for development and tests.

			Options:
			  --host <host>            host to bind to and to name in the endpoint (default: localhost;
			                           0.0.0.0 binds every interface)
			  --port <port>            port (default: 8888; 0 picks a free one)
			  --primary-key <key>      primary access key (default: a random one)
			  --secondary-key <key>    secondary access key (default: a random one)
			  --upstream <template>    upstream URL template, with {hub}, {category} and {event}
			                           placeholders (default: none)
			  --vault-port <port>      also start the Key Vault emulator (HTTPS) on this port (0: a free one)
			  --vault-certificate <file>
			                           write the vault's self-signed certificate there, in PEM, for clients
			                           outside the JVM (curl --cacert, NODE_EXTRA_CA_CERTS)
			  --entra-port <port>      also start a Microsoft Entra ID emulator (HTTPS) on this port (0: a free
			                           one), with an example app registration, and trust its tokens: temporary
			                           access keys at GET /api/v1/auth/accessKey, REST calls with Entra tokens
			  --entra-certificate <file>
			                           write its self-signed certificate there, in PEM
			  --upstream-resource <resource>
			                           authenticate upstream requests with a managed identity of the example
			                           tenant: Authorization: Bearer <token for this resource>, as the upstream
			                           settings' "auth": {"type": "ManagedIdentity"} do (needs --upstream and
			                           --entra-port)
			  --help                   print this and exit

			Admin API (from this machine only):
			  GET  /admin/keys                             the keys and connection strings
			  POST /admin/keys/{primary|secondary}/regenerate   a new random key
			""";

	/**
	 * Reads {@code --name value} and {@code --name=value} arguments.
	 * @throws IllegalArgumentException naming the argument that is wrong
	 */
	static CommandLineOptions parse(List<String> args) {
		String host = "localhost";
		int port = SignalREmulator.DEFAULT_PORT;
		String primaryKey = null;
		String secondaryKey = null;
		String upstream = null;
		Integer vaultPort = null;
		Path vaultCertificateFile = null;
		Integer entraPort = null;
		Path entraCertificateFile = null;
		String upstreamResource = null;
		boolean help = false;
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			String name = arg;
			String value = null;
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				name = arg.substring(0, equals);
				value = arg.substring(equals + 1);
			}
			if (name.equals("--help") || name.equals("-h")) {
				help = true;
				continue;
			}
			if (value == null) {
				if (i + 1 >= args.size()) {
					throw new IllegalArgumentException(name + " needs a value");
				}
				value = args.get(++i);
			}
			switch (name) {
				case "--host" -> host = value;
				case "--port" -> port = port(name, value);
				case "--primary-key" -> primaryKey = value;
				case "--secondary-key" -> secondaryKey = value;
				case "--upstream" -> upstream = value;
				case "--vault-port" -> vaultPort = port(name, value);
				case "--vault-certificate" -> vaultCertificateFile = Path.of(value);
				case "--entra-port" -> entraPort = port(name, value);
				case "--entra-certificate" -> entraCertificateFile = Path.of(value);
				case "--upstream-resource" -> upstreamResource = value;
				default -> throw new IllegalArgumentException("Unknown option " + name + " (see --help)");
			}
		}
		if (vaultCertificateFile != null && vaultPort == null) {
			throw new IllegalArgumentException("--vault-certificate needs --vault-port");
		}
		if (entraCertificateFile != null && entraPort == null) {
			throw new IllegalArgumentException("--entra-certificate needs --entra-port");
		}
		if (upstreamResource != null && (entraPort == null || upstream == null)) {
			throw new IllegalArgumentException("--upstream-resource needs --upstream and --entra-port");
		}
		return new CommandLineOptions(host, port, primaryKey, secondaryKey, upstream, vaultPort, vaultCertificateFile,
				entraPort, entraCertificateFile, upstreamResource, help);
	}

	private static int port(String name, String value) {
		try {
			int port = Integer.parseInt(value);
			if (port >= 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(name + " must be a port number from 0 to 65535, not '" + value + "'");
	}

	@Override
	public String toString() {
		return "CommandLineOptions[host=" + this.host + ", port=" + this.port + ", primaryKey="
				+ ((this.primaryKey != null) ? "(given)" : "(random)") + ", secondaryKey="
				+ ((this.secondaryKey != null) ? "(given)" : "(random)") + ", upstream=" + this.upstream
				+ ", vaultPort=" + this.vaultPort + ", vaultCertificateFile=" + this.vaultCertificateFile + ", entraPort="
				+ this.entraPort + ", entraCertificateFile=" + this.entraCertificateFile + ", upstreamResource="
				+ this.upstreamResource + "]";
	}

}
