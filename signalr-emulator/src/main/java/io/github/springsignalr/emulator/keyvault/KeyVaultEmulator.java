package io.github.springsignalr.emulator.keyvault;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import io.github.springsignalr.emulator.tls.SelfSignedCertificate;

/**
 * A local Key Vault holding secrets, served over HTTPS with a certificate made at start, that the Azure SDK's
 * {@code SecretClient} talks to unchanged. Clients must trust {@link #certificate()} (see {@link #trustStore()}) and,
 * because the challenge names {@code https://vault.azure.net} while the vault is on {@code localhost}, turn off the
 * SDK's challenge resource verification ({@code SecretClientBuilder.disableChallengeResourceVerification()}, or
 * {@code spring.cloud.azure.keyvault.secret.challenge-resource-verification-enabled=false}). Any bearer token is
 * accepted.
 * <pre class="code">
 * try (KeyVaultEmulator vault = KeyVaultEmulator.start(0)) {
 *     vault.secrets().set("signalr-east", connectionString);
 *     // point a SecretClient at vault.vaultUri()
 * }
 * </pre>
 */
public final class KeyVaultEmulator implements AutoCloseable {

	/** The tenant the vault's challenge names. Credentials of a local double may ignore it. */
	public static final String TENANT_ID = "00000000-0000-0000-0000-000000000000";

	private static final Logger logger = LoggerFactory.getLogger(KeyVaultEmulator.class);

	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

	private final SelfSignedCertificate certificate;

	private final SecretStore secrets;

	private final DisposableServer server;

	/** Every open connection: a stopped vault must not keep answering on a client's pooled keep-alive connection. */
	private final ChannelGroup connections;

	private final URI vaultUri;

	private KeyVaultEmulator(SelfSignedCertificate certificate, SecretStore secrets, DisposableServer server,
			ChannelGroup connections, URI vaultUri) {
		this.certificate = certificate;
		this.secrets = secrets;
		this.server = server;
		this.connections = connections;
		this.vaultUri = vaultUri;
	}

	/**
	 * Starts a vault on the loopback interface.
	 * @param port the port, or 0 for a free one
	 */
	public static KeyVaultEmulator start(int port) {
		return start(InetAddress.getLoopbackAddress().getHostAddress(), port);
	}

	/**
	 * Starts a vault on {@code bindAddress} (for example {@code 0.0.0.0} in a container). The vault's URI still names
	 * {@code localhost}, the name its certificate is made for.
	 * @param port the port, or 0 for a free one
	 */
	public static KeyVaultEmulator start(String bindAddress, int port) {
		SelfSignedCertificate certificate = SelfSignedCertificate.generate("signalr-emulator Key Vault");
		SecretStore secrets = new SecretStore(Clock.systemUTC());
		SecretRoutes routes = new SecretRoutes(secrets, new ChallengeAuthentication(TENANT_ID));
		ChannelGroup connections = new DefaultChannelGroup("key-vault-emulator", GlobalEventExecutor.INSTANCE);
		DisposableServer server = HttpServer.create()
			.host(bindAddress)
			.port(port)
			.channelGroup(connections)
			.secure((spec) -> spec.sslContext(certificate.serverSpec()))
			.handle(routes)
			.bindNow(BIND_TIMEOUT);
		URI uri = URI.create("https://localhost:" + server.port() + "/");
		routes.serveAt(uri);
		logger.info("Key Vault emulator listening on {}", uri);
		return new KeyVaultEmulator(certificate, secrets, server, connections, uri);
	}

	/**
	 * The vault's URI, {@code https://localhost:{port}/}, as a {@code SecretClient}'s vault URL or in a Key Vault
	 * reference ({@code @Microsoft.KeyVault(SecretUri=https://localhost:{port}/secrets/{name}/)}).
	 */
	public URI vaultUri() {
		return this.vaultUri;
	}

	public int port() {
		return this.server.port();
	}

	/**
	 * The vault's self-signed certificate, for {@code localhost} and {@code 127.0.0.1}.
	 */
	public X509Certificate certificate() {
		return this.certificate.certificate();
	}

	/**
	 * A new in-memory trust store holding only the vault's certificate, for a {@code TrustManagerFactory}.
	 */
	public KeyStore trustStore() {
		return this.certificate.trustStore();
	}

	/**
	 * A new TLS context trusting only the vault's certificate, for the JDK's {@code HttpClient} or the Azure SDK's
	 * {@code JdkHttpClientBuilder}.
	 */
	public SSLContext sslContext() {
		return this.certificate.sslContext();
	}

	/**
	 * The vault's certificate in PEM.
	 */
	public String certificatePem() {
		return this.certificate.pem();
	}

	/**
	 * Writes the vault's certificate in PEM to {@code file}, for clients outside this JVM ({@code curl --cacert},
	 * {@code NODE_EXTRA_CA_CERTS}, {@code keytool -importcert}).
	 * @return {@code file}
	 */
	public Path writeCertificatePem(Path file) throws IOException {
		return Files.writeString(file, this.certificate.pem(), StandardCharsets.US_ASCII);
	}

	/**
	 * The vault's secrets, for in-process use: what is set here is served over HTTP, and the other way round.
	 */
	public SecretStore secrets() {
		return this.secrets;
	}

	/**
	 * Stops the server and closes every open connection, so that clients see the vault down at once, as they would
	 * if its host went away; a new vault may then start on the same port. Secrets are kept in memory only and go
	 * with it.
	 */
	@Override
	public void close() {
		// Stops accepting and lets requests under way finish; idle keep-alive connections would stay open.
		this.server.disposeNow(BIND_TIMEOUT);
		this.connections.close().awaitUninterruptibly(BIND_TIMEOUT.toMillis());
		logger.info("Key Vault emulator on {} stopped", this.vaultUri);
	}

	@Override
	public String toString() {
		return "KeyVaultEmulator[" + this.vaultUri + "]";
	}

}
