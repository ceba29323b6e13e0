package io.github.springsignalr.emulator.keyvault;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.springsignalr.emulator.tls.HttpsEmulator;

/**
 * A local Key Vault holding secrets, served over HTTPS with a certificate made at start, that the Azure SDK's
 * {@code SecretClient} talks to unchanged. Clients must trust {@link #certificate()} (see {@link #trustStore()}) and,
 * because the challenge names {@code https://vault.azure.net} while the vault is on {@code localhost}, turn off the
 * SDK's challenge resource verification on that client
 * ({@code SecretClientBuilder.disableChallengeResourceVerification()}; the starter does so on its own client when
 * {@code localhost} is in {@code azure.signalr.key-vault.allowed-hosts}).
 * Spring Cloud Azure's {@code spring.cloud.azure.keyvault.secret.challenge-resource-verification-enabled=false} would
 * turn it off for every Key Vault client of the application. Any bearer token is accepted.
 * <pre class="code">
 * try (KeyVaultEmulator vault = KeyVaultEmulator.start(0)) {
 *     vault.secrets().set("signalr-east", connectionString);
 *     // point a SecretClient at vault.vaultUri()
 * }
 * </pre>
 */
public final class KeyVaultEmulator extends HttpsEmulator {

	/** The tenant the vault's challenge names. Credentials of a local double may ignore it. */
	public static final String TENANT_ID = "00000000-0000-0000-0000-000000000000";

	private static final Logger logger = LoggerFactory.getLogger(KeyVaultEmulator.class);

	private final SecretStore secrets;

	private final SecretRoutes routes;

	private final URI vaultUri;

	private KeyVaultEmulator(String bindAddress, int port, SecretStore secrets, SecretRoutes routes) {
		super("Key Vault", bindAddress, port, routes);
		this.secrets = secrets;
		this.routes = routes;
		this.vaultUri = URI.create("https://localhost:" + port() + "/");
		routes.serveAt(this.vaultUri);
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
		SecretStore secrets = new SecretStore(Clock.systemUTC());
		KeyVaultEmulator vault = new KeyVaultEmulator(bindAddress, port, secrets,
				new SecretRoutes(secrets, new ChallengeAuthentication(TENANT_ID)));
		logger.info("Key Vault emulator listening on {}", vault.vaultUri);
		return vault;
	}

	/**
	 * The vault's URI, {@code https://localhost:{port}/}, as a {@code SecretClient}'s vault URL or in a Key Vault
	 * reference ({@code @Microsoft.KeyVault(SecretUri=https://localhost:{port}/secrets/{name}/)}).
	 */
	public URI vaultUri() {
		return this.vaultUri;
	}

	/**
	 * The vault's secrets, for in-process use: what is set here is served over HTTP, and the other way round.
	 */
	public SecretStore secrets() {
		return this.secrets;
	}

	/**
	 * Takes a secret permission away from every caller, as an access policy without it does: requests that need it
	 * are answered 403 {@code Forbidden} with inner code {@code AccessDenied}, naming the permission as the vault
	 * does. Permissions are {@code get} (read a value), {@code list} (list secrets or versions), {@code set} (set a
	 * value, update attributes), {@code delete} and {@code purge}.
	 */
	public void deny(String permission) {
		this.routes.deny(permission);
	}

	/**
	 * Gives back every permission {@linkplain #deny(String) taken away}.
	 */
	public void allowAll() {
		this.routes.allowAll();
	}

	/**
	 * Starts the vault again after {@link #close()}: on the same port, with the same certificate and the secrets it
	 * held, so that its URI and the trust of its clients stay valid (a vault outage and its end).
	 * @return this vault
	 * @throws IllegalStateException if it is running
	 */
	public KeyVaultEmulator start() {
		restart();
		logger.info("Key Vault emulator listening on {} again", this.vaultUri);
		return this;
	}

	/**
	 * Stops the server and closes every open connection, so that clients see the vault down at once, as they would
	 * if its host went away; {@link #start()} brings it back, or a new vault may start on the same port. Secrets are
	 * kept in memory only.
	 */
	@Override
	public void close() {
		super.close();
		logger.info("Key Vault emulator on {} stopped", this.vaultUri);
	}

	@Override
	public String toString() {
		return "KeyVaultEmulator[" + this.vaultUri + "]";
	}

}
