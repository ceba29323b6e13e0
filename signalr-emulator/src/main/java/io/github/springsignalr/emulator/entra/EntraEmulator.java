package io.github.springsignalr.emulator.entra;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.springsignalr.emulator.auth.EntraAuthentication;
import io.github.springsignalr.emulator.auth.EntraTokenVerifier;
import io.github.springsignalr.emulator.auth.TokenRejectedException;
import io.github.springsignalr.emulator.tls.HttpsEmulator;

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
public final class EntraEmulator extends HttpsEmulator {

	private static final Logger logger = LoggerFactory.getLogger(EntraEmulator.class);

	private final AppRegistrations applications;

	private final EntraTokens tokens;

	private final URI authorityHost;

	private EntraEmulator(String bindAddress, int port, AppRegistrations applications, EntraTokens tokens,
			EntraRoutes routes) {
		super("Microsoft Entra ID", bindAddress, port, routes);
		this.applications = applications;
		this.tokens = tokens;
		String authority = "https://localhost:" + port();
		tokens.serveAt(authority);
		routes.serveAt(authority);
		this.authorityHost = URI.create(authority + "/");
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
		AppRegistrations applications = new AppRegistrations();
		EntraTokens tokens = new EntraTokens(Clock.systemUTC());
		EntraEmulator entra = new EntraEmulator(bindAddress, port, applications, tokens,
				new EntraRoutes(applications, tokens));
		logger.info("Microsoft Entra ID emulator listening on {}", entra.authorityHost);
		return entra;
	}

	/**
	 * The authority host, {@code https://localhost:{port}/}, for azure-identity's {@code authorityHost(…)} (or
	 * {@code AZURE_AUTHORITY_HOST}, {@code spring.cloud.azure.profile.environment.active-directory-endpoint}).
	 */
	public URI authorityHost() {
		return this.authorityHost;
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
	 * A token for {@code audience} for a registered application, as the token endpoint would issue it for the scope
	 * {@code {audience}/.default}.
	 * @throws IllegalArgumentException if the application is not registered in the tenant
	 */
	public String issueToken(String tenantId, String clientId, String audience) {
		return this.tokens.issue(registered(tenantId, clientId), audience);
	}

	/**
	 * A token as {@link #issueToken(String, String, String)} would have issued it at {@code issuedAt}: valid from then
	 * for the token lifetime, for example one that has expired.
	 * @throws IllegalArgumentException if the application is not registered in the tenant
	 */
	public String issueToken(String tenantId, String clientId, String audience, Instant issuedAt) {
		return this.tokens.issue(registered(tenantId, clientId), audience, issuedAt);
	}

	/**
	 * Registers a managed identity in a tenant (created if new): an identity of its own, with no secret anyone
	 * holds, for which {@link #issueToken(String, String, String)} makes tokens as the managed identity endpoint
	 * would.
	 * @return its client id
	 */
	public String registerManagedIdentity(String tenantId) {
		requireText(tenantId, "tenantId");
		String clientId = UUID.randomUUID().toString();
		AppRegistration identity = this.applications.register(tenantId, clientId,
				UUID.randomUUID() + "~" + UUID.randomUUID());
		logger.info("Registered managed identity {} in tenant {} (object id {})", clientId, tenantId,
				identity.objectId());
		return clientId;
	}

	/**
	 * Which tokens are issued for {@code resource}: v1.0 ones ({@code version} 1, issuer {@code
	 * {authority}/{tenant}/}) or v2.0 ones (2, issuer {@code {authority}/{tenant}/v2.0}), as the resource's
	 * application registration ({@code accessTokenAcceptedVersion}) decides in Microsoft Entra ID; v2.0 by default.
	 * @return this emulator
	 */
	public EntraEmulator tokenVersion(String resource, int version) {
		requireText(resource, "resource");
		this.tokens.tokenVersion(resource, version);
		return this;
	}

	private AppRegistration registered(String tenantId, String clientId) {
		AppRegistration application = this.applications.find(tenantId, clientId);
		if (application == null) {
			throw new IllegalArgumentException(
					"No application " + clientId + " is registered in tenant " + tenantId + ": registerApplication first");
		}
		return application;
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
	 * Stops the server and closes every open connection. Applications and signing key go with it: a new emulator
	 * signs with a new key, which services trusting this one do not know.
	 */
	@Override
	public void close() {
		super.close();
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
