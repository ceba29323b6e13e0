package io.github.springsignalr.emulator.entra;

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
import java.util.Objects;

import javax.net.ssl.SSLContext;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import io.github.springsignalr.emulator.auth.EntraAuthentication;
import io.github.springsignalr.emulator.auth.EntraTokenVerifier;
import io.github.springsignalr.emulator.auth.TokenRejectedException;
import io.github.springsignalr.emulator.tls.SelfSignedCertificate;

/**
 * A local Microsoft Entra ID: the token endpoint of Microsoft identity platform over HTTPS, serving the OAuth 2.0
 * client-credentials grant to the applications registered here, with RS256 tokens signed by a key made at start.
 * azure-identity's {@code ClientSecretCredential} signs in to it unchanged when pointed at {@link #authorityHost()},
 * with an HTTP client trusting {@link #certificate()}:
 * <pre class="code">
 * try (EntraEmulator entra = EntraEmulator.start(0).registerApplication(tenantId, clientId, clientSecret)) {
 *     TokenCredential credential = new ClientSecretCredentialBuilder().authorityHost(entra.authorityHost().toString())
 *         .tenantId(tenantId).clientId(clientId).clientSecret(clientSecret)
 *         .disableInstanceDiscovery()
 *         .httpClient(clientTrusting(entra.sslContext()))
 *         .build();
 * }
 * </pre>
 * A {@link io.github.springsignalr.emulator.SignalREmulator} built with {@code entra(…)} trusts its tokens. Nothing
 * here logs a client secret or a token.
 */
public final class EntraEmulator implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EntraEmulator.class);

	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

	private final SelfSignedCertificate certificate;

	private final AppRegistrations applications;

	private final EntraTokens tokens;

	private final DisposableServer server;

	/** Every open connection: a stopped emulator must not keep answering on a client's pooled connection. */
	private final ChannelGroup connections;

	private final URI authorityHost;

	private EntraEmulator(SelfSignedCertificate certificate, AppRegistrations applications, EntraTokens tokens,
			DisposableServer server, ChannelGroup connections, URI authorityHost) {
		this.certificate = certificate;
		this.applications = applications;
		this.tokens = tokens;
		this.server = server;
		this.connections = connections;
		this.authorityHost = authorityHost;
	}

	/**
	 * Starts an emulator on the loopback interface.
	 * @param port the port, or 0 for a free one
	 */
	public static EntraEmulator start(int port) {
		return start(InetAddress.getLoopbackAddress().getHostAddress(), port);
	}

	/**
	 * Starts an emulator on {@code bindAddress} (for example {@code 0.0.0.0} in a container). Its authority host
	 * still names {@code localhost}, the name its certificate is made for.
	 * @param port the port, or 0 for a free one
	 */
	public static EntraEmulator start(String bindAddress, int port) {
		SelfSignedCertificate certificate = SelfSignedCertificate.generate("signalr-emulator Microsoft Entra ID");
		AppRegistrations applications = new AppRegistrations();
		EntraTokens tokens = new EntraTokens(Clock.systemUTC());
		EntraRoutes routes = new EntraRoutes(applications, tokens);
		ChannelGroup connections = new DefaultChannelGroup("entra-emulator", GlobalEventExecutor.INSTANCE);
		DisposableServer server = HttpServer.create()
			.host(bindAddress)
			.port(port)
			.channelGroup(connections)
			.secure((spec) -> spec.sslContext(certificate.serverSpec()))
			.handle(routes)
			.bindNow(BIND_TIMEOUT);
		String authority = "https://localhost:" + server.port();
		tokens.serveAt(authority);
		routes.serveAt(authority);
		logger.info("Microsoft Entra ID emulator listening on {}", authority);
		return new EntraEmulator(certificate, applications, tokens, server, connections, URI.create(authority + "/"));
	}

	/**
	 * The authority host, {@code https://localhost:{port}/}, for azure-identity's {@code authorityHost(…)} (or
	 * {@code AZURE_AUTHORITY_HOST}, {@code spring.cloud.azure.profile.environment.active-directory-endpoint}).
	 */
	public URI authorityHost() {
		return this.authorityHost;
	}

	public int port() {
		return this.server.port();
	}

	/**
	 * Registers an application in a tenant (created if new) with a client secret, or gives a registered one a new
	 * secret; the old secret is refused from now on.
	 * @return this emulator
	 */
	public EntraEmulator registerApplication(String tenantId, String clientId, String clientSecret) {
		requireText(tenantId, "tenantId");
		requireText(clientId, "clientId");
		requireText(clientSecret, "clientSecret");
		AppRegistration application = this.applications.register(tenantId, clientId, clientSecret);
		logger.info("Registered application {} in tenant {} (object id {})", clientId, tenantId,
				application.objectId());
		return this;
	}

	/**
	 * How long the tokens issued from now on are valid; one hour by default.
	 * @return this emulator
	 */
	public EntraEmulator tokenLifetime(Duration lifetime) {
		this.tokens.lifetime(lifetime);
		return this;
	}

	/**
	 * How many tokens were issued since start, through the token endpoint and {@link #issueToken}.
	 */
	public int tokensIssued() {
		return this.tokens.issuedCount();
	}

	/**
	 * A token for the SignalR service ({@code https://signalr.azure.com}) for a registered application, as the token
	 * endpoint would issue it, without a secret: for a test {@code TokenCredential}.
	 * @throws IllegalArgumentException if the application is not registered in the tenant
	 */
	public String issueToken(String tenantId, String clientId) {
		AppRegistration application = this.applications.find(tenantId, clientId);
		if (application == null) {
			throw new IllegalArgumentException(
					"No application " + clientId + " is registered in tenant " + tenantId + ": registerApplication first");
		}
		return this.tokens.issue(application, EntraAuthentication.AUDIENCE);
	}

	/**
	 * Whether {@code jwt} is a token this emulator issued that has not expired: signature, issuer and lifetime. Its
	 * audience is not checked.
	 */
	public boolean verify(String jwt) {
		try {
			this.tokens.verify(jwt);
			return true;
		}
		catch (TokenRejectedException ex) {
			return false;
		}
	}

	/**
	 * What a service trusting this emulator checks tokens with.
	 */
	public EntraTokenVerifier verifier() {
		return this.tokens;
	}

	/**
	 * The emulator's self-signed certificate, for {@code localhost} and {@code 127.0.0.1}.
	 */
	public X509Certificate certificate() {
		return this.certificate.certificate();
	}

	/**
	 * A new in-memory trust store holding only the emulator's certificate, for a {@code TrustManagerFactory}.
	 */
	public KeyStore trustStore() {
		return this.certificate.trustStore();
	}

	/**
	 * A new TLS context trusting only the emulator's certificate, for the JDK's {@code HttpClient} or the Azure SDK's
	 * {@code JdkHttpClientBuilder}.
	 */
	public SSLContext sslContext() {
		return this.certificate.sslContext();
	}

	/**
	 * The emulator's certificate in PEM.
	 */
	public String certificatePem() {
		return this.certificate.pem();
	}

	/**
	 * Writes the emulator's certificate in PEM to {@code file}, for clients outside this JVM.
	 * @return {@code file}
	 */
	public Path writeCertificatePem(Path file) throws IOException {
		return Files.writeString(file, this.certificate.pem(), StandardCharsets.US_ASCII);
	}

	public boolean isRunning() {
		return !this.server.isDisposed();
	}

	/**
	 * Stops the server and closes every open connection. Applications and signing key go with it: a new emulator
	 * signs with a new key, which services trusting this one do not know.
	 */
	@Override
	public void close() {
		this.server.disposeNow(BIND_TIMEOUT);
		this.connections.close().awaitUninterruptibly(BIND_TIMEOUT.toMillis());
		logger.info("Microsoft Entra ID emulator on {} stopped", this.authorityHost);
	}

	private static void requireText(String value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	@Override
	public String toString() {
		return "EntraEmulator[" + this.authorityHost + "]";
	}

}
