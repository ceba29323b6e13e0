package io.github.springsignalr.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.endpoint.SignalRListener.TokenKind;

/**
 * Issues the tokens the service accepts, as its .NET SDK builds them: client access tokens for negotiate and bearer
 * tokens for the REST API. Tokens are HS256 JWTs whose header carries the access key's id as {@code kid}, whose claims
 * hold {@code nbf} and {@code iat} (now), {@code exp} and {@code aud} and no {@code iss}, and which are signed with
 * the UTF-8 bytes of the access key's text.
 * <p>
 * The key is read from the endpoint at every call, so a token issued after the registry swapped in a new key is
 * signed with the new key. Each key is prepared once (an HMAC keyed for it, its header encoded) and kept among the
 * 16 most recent ones.
 * <p>
 * The claims are written by hand rather than through a JWT library (the project's is nimbus-jose-jwt, used to verify
 * these tokens in the tests): a token is issued per negotiation, and building a claims set, a map and a JSON string
 * per token costs more than the HMAC that signs it. {@code benchmarks/README.md} has the figures.
 * <p>
 * Thread-safe.
 */
public class SignalRTokenService {

	/** The default token lifetime, as in the .NET SDK. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

	/** The default cap on every token's lifetime, whatever a request or a customizer asks for. */
	public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

	/** The longest token the service accepts; longer ones are refused rather than sent. */
	public static final int MAX_TOKEN_LENGTH = 4096;

	private static final String CLIENT_PATH = "/client/?hub=";

	private static final String SERVER_PATH = "/server/?hub=";

	private static final byte[] NOT_BEFORE = JsonObjectWriter.encodeName("nbf");

	private static final byte[] EXPIRES = JsonObjectWriter.encodeName("exp");

	private static final byte[] ISSUED_AT = JsonObjectWriter.encodeName("iat");

	private static final byte[] AUDIENCE = JsonObjectWriter.encodeName("aud");

	private static final byte[] NAME_ID = JsonObjectWriter.encodeName("nameid");

	private final Duration defaultLifetime;

	private final Clock clock;

	/** The {@code nameid} of REST tokens, as .NET names a server: host, then a random id. */
	private final String serverName;

	private final TokenSigners signers = new TokenSigners();

	private final SignalRListener listener;

	/** The application name lower-cased and followed by {@code _}, or an empty string for none. */
	private volatile String hubPrefix = "";

	private volatile long maxLifetimeSeconds = DEFAULT_MAX_LIFETIME.getSeconds();

	/** The longest lifetime of a token issued so far, in seconds: how long a replaced key may still be relied on. */
	private final AtomicLong longestIssuedSeconds = new AtomicLong();

	/**
	 * A token service with the default lifetime of one hour and the system clock.
	 */
	public SignalRTokenService() {
		this(DEFAULT_LIFETIME, Clock.systemUTC());
	}

	/**
	 * @param defaultLifetime how long tokens are valid unless a call says otherwise; at least one second
	 * @param clock the source of {@code nbf}, {@code iat} and {@code exp}
	 */
	public SignalRTokenService(Duration defaultLifetime, Clock clock) {
		this(defaultLifetime, clock, SignalRListener.NONE);
	}

	/**
	 * @param defaultLifetime how long tokens are valid unless a call says otherwise; at least one second
	 * @param clock the source of {@code nbf}, {@code iat} and {@code exp}
	 * @param listener told of every token issued
	 */
	public SignalRTokenService(Duration defaultLifetime, Clock clock, SignalRListener listener) {
		this.defaultLifetime = checkLifetime(defaultLifetime);
		this.clock = Objects.requireNonNull(clock, "clock");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.serverName = hostName() + "_" + UUID.randomUUID().toString().replace("-", "");
	}

	public Duration getDefaultLifetime() {
		return this.defaultLifetime;
	}

	/**
	 * Caps the lifetime of every token issued from now on, whatever a request (or a negotiate customizer) asks for:
	 * a leaked token, or a replaced key, is then of use for this long at most.
	 * @param maxLifetime at least one second; {@link #DEFAULT_MAX_LIFETIME} unless set
	 */
	public void setMaxLifetime(Duration maxLifetime) {
		this.maxLifetimeSeconds = checkLifetime(maxLifetime).getSeconds();
	}

	/**
	 * Names the application whose hubs the clients connect to, as the .NET SDK's {@code ApplicationName}: client
	 * URLs and audiences then name the hub {@code <application>_<hub>}, both lower-cased, so that applications sharing
	 * one service keep their hubs apart.
	 * @param applicationName a name as the service allows hub names, or {@code null} for none
	 */
	public void setApplicationName(String applicationName) {
		this.hubPrefix = (applicationName == null || applicationName.isEmpty()) ? ""
				: lowerCase(applicationName) + "_";
	}

	public Duration getMaxLifetime() {
		return Duration.ofSeconds(this.maxLifetimeSeconds);
	}

	/**
	 * The longest lifetime of the tokens actually issued, and at least the default one (capped): a key replaced now
	 * may still have signed a token valid for this long, so it is safe to regenerate only after it.
	 */
	public Duration getLongestIssuedLifetime() {
		long seconds = Math.max(this.longestIssuedSeconds.get(),
				Math.min(this.defaultLifetime.getSeconds(), this.maxLifetimeSeconds));
		return Duration.ofSeconds(seconds);
	}

	/**
	 * A client access token for the endpoint: audience {@code scheme://host/client/?hub=<hub lower-cased>} (with the
	 * {@linkplain #setApplicationName application}'s prefix), taken from
	 * the service endpoint (never its {@code ClientEndpoint}, which only says where clients connect).
	 * @throws AccessKeyUnavailableException when the endpoint has no key yet
	 * @throws AccessTokenTooLongException when the claims make the token longer than {@value #MAX_TOKEN_LENGTH}
	 */
	public String clientToken(ServiceEndpoint endpoint, ClientTokenRequest request) {
		TokenSigner signer = signer(endpoint);
		long now = nowSeconds();
		long lifetime = issued((request.lifetime() != null) ? request.lifetime() : this.defaultLifetime);
		JsonObjectWriter claims = new JsonObjectWriter(256 + 64 * request.claims().size());
		ClientClaims.write(request, claims);
		times(claims, now, lifetime);
		URI service = endpoint.connectionString().endpoint();
		claims.name(AUDIENCE)
			.beginString()
			.appendPlainAscii(service.getScheme())
			.appendPlainAscii("://")
			.appendPlainAscii(service.getHost())
			.appendPlainAscii(CLIENT_PATH)
			.appendPlainAscii(this.hubPrefix)
			.appendLowerCaseAscii(request.hub())
			.endString();
		byte[] json = claims.finish();
		String token = signer.sign(json, claims.length(), MAX_TOKEN_LENGTH);
		this.listener.tokenIssued(endpoint.id(), TokenKind.CLIENT);
		return token;
	}

	/**
	 * The answer to a client's negotiate on this endpoint: its client URL and a client access token.
	 * @throws AccessKeyUnavailableException when the endpoint has no key yet
	 * @throws AccessTokenTooLongException when the claims make the token longer than {@value #MAX_TOKEN_LENGTH}
	 */
	public NegotiateResponse negotiate(ServiceEndpoint endpoint, ClientTokenRequest request) {
		return new NegotiateResponse(clientUrl(endpoint, request.hub()), clientToken(endpoint, request));
	}

	/**
	 * The audience of client tokens for a hub: {@code scheme://host/client/?hub=<hub lower-cased>}, port and path of
	 * the endpoint dropped.
	 */
	public String clientAudience(ServiceEndpoint endpoint, String hub) {
		return endpoint.connectionString().audienceBase() + CLIENT_PATH + this.hubPrefix + lowerCase(hub);
	}

	/**
	 * Where clients connect for a hub: {@code <ClientEndpoint or endpoint>/client/?hub=<hub lower-cased>}, the
	 * {@code ClientEndpoint}'s own port and path kept.
	 */
	public String clientUrl(ServiceEndpoint endpoint, String hub) {
		return withoutTrailingSlash(endpoint.connectionString().effectiveClientEndpoint()) + CLIENT_PATH
				+ this.hubPrefix + lowerCase(hub);
	}

	/**
	 * A token for a server connection of default mode, signed with the endpoint's current key: audience
	 * {@code scheme://host/server/?hub=<hub lower-cased>} (no port, path or {@code cid}) and this application's server
	 * name as {@code nameid}, as the .NET SDK writes it. Minted anew for each connect, so that a rotated key is used
	 * from the next connect on.
	 * @throws AccessKeyUnavailableException when the endpoint has no key yet
	 */
	public String serverToken(ServiceEndpoint endpoint, String hub) {
		TokenSigner signer = signer(endpoint);
		JsonObjectWriter claims = new JsonObjectWriter(256);
		claims.string(NAME_ID, this.serverName);
		times(claims, nowSeconds(), issued(this.defaultLifetime));
		claims.string(AUDIENCE, endpoint.connectionString().audienceBase() + SERVER_PATH + lowerCase(hub));
		byte[] json = claims.finish();
		String token = signer.sign(json, claims.length(), MAX_TOKEN_LENGTH);
		this.listener.tokenIssued(endpoint.id(), TokenKind.SERVER);
		return token;
	}

	/**
	 * Where a server connection of default mode connects: {@code ws(s)://<ServerEndpoint or endpoint>/server/?hub=<hub
	 * lower-cased>&cid=<connectionId>}, the {@code ServerEndpoint}'s own port and path kept.
	 */
	public URI serverUrl(ServiceEndpoint endpoint, String hub, String connectionId) {
		String server = withoutTrailingSlash(endpoint.connectionString().effectiveServerEndpoint());
		String webSocket = server.startsWith("https:") ? "wss:" + server.substring("https:".length())
				: "ws:" + server.substring("http:".length());
		return URI.create(webSocket + SERVER_PATH + lowerCase(hub) + "&cid=" + connectionId);
	}

	/**
	 * This application's server name, the {@code nameid} of its REST and server tokens: host, then a random id.
	 */
	public String serverName() {
		return this.serverName;
	}

	/**
	 * A REST API request with the default lifetime.
	 * @see #restCall(ServiceEndpoint, String, String, Duration)
	 */
	public RestCall restCall(ServiceEndpoint endpoint, String path, String query) {
		return restCall(endpoint, path, query, this.defaultLifetime);
	}

	/**
	 * A REST API request: its URI on the endpoint's {@code ServerEndpoint} (else the endpoint) and a token whose
	 * audience is the same path and query on {@code scheme://host}, as the .NET Management SDK builds them; for
	 * example {@code https://x.service.signalr.net/api/hubs/chat/:send?api-version=2022-06-01}.
	 * @param path the request path, starting with {@code /} and already percent-encoded, e.g.
	 * {@code /api/hubs/chat/users/u%201/:send}
	 * @param query the encoded query without {@code ?}, e.g. {@code api-version=2022-06-01}; {@code null} for none (the
	 * legacy {@code /api/v1/…} paths)
	 * @param lifetime how long the token is valid
	 * @throws AccessKeyUnavailableException when the endpoint has no key yet (an endpoint using Microsoft Entra ID
	 * calls the REST API with its Entra token instead)
	 * @throws IllegalArgumentException when the path does not start with {@code /} or the URI is malformed
	 */
	public RestCall restCall(ServiceEndpoint endpoint, String path, String query, Duration lifetime) {
		String pathAndQuery = pathAndQuery(path, query);
		ConnectionString connectionString = endpoint.connectionString();
		URI uri = URI.create(withoutTrailingSlash(connectionString.effectiveServerEndpoint()) + pathAndQuery);
		return new RestCall(uri, restToken(endpoint, connectionString.audienceBase() + pathAndQuery, lifetime));
	}

	/**
	 * A REST API request authorised by a bearer token obtained elsewhere (an endpoint using Microsoft Entra ID calls
	 * the REST API with its Entra token, as the .NET SDK does): its URI as {@link #restCall} builds it.
	 * @throws IllegalArgumentException when the path does not start with {@code /} or the URI is malformed
	 */
	public RestCall restCall(ServiceEndpoint endpoint, String path, String query, String bearerToken) {
		String pathAndQuery = pathAndQuery(path, query);
		URI server = endpoint.connectionString().effectiveServerEndpoint();
		URI uri = URI.create(withoutTrailingSlash(server) + pathAndQuery);
		return new RestCall(uri, bearerToken);
	}

	private static String pathAndQuery(String path, String query) {
		if (path == null || !path.startsWith("/")) {
			throw new IllegalArgumentException("A REST path must start with '/', not '" + path + "'");
		}
		return (query != null && !query.isEmpty()) ? path + "?" + query : path;
	}

	/**
	 * A REST API token for an audience, with the default lifetime.
	 */
	public String restToken(ServiceEndpoint endpoint, String audience) {
		return restToken(endpoint, audience, this.defaultLifetime);
	}

	/**
	 * A REST API token for an audience, carrying this application's server name as {@code nameid} as .NET's do.
	 * @param audience the request's URL on {@code scheme://host}
	 * @throws AccessKeyUnavailableException when the endpoint has no key yet
	 */
	public String restToken(ServiceEndpoint endpoint, String audience, Duration lifetime) {
		Objects.requireNonNull(audience, "audience");
		TokenSigner signer = signer(endpoint);
		JsonObjectWriter claims = new JsonObjectWriter(128 + 2 * audience.length());
		claims.string(NAME_ID, this.serverName);
		times(claims, nowSeconds(), issued(checkLifetime(lifetime)));
		claims.string(AUDIENCE, audience);
		byte[] json = claims.finish();
		String token = signer.sign(json, claims.length(), MAX_TOKEN_LENGTH);
		this.listener.tokenIssued(endpoint.id(), TokenKind.REST);
		return token;
	}

	private TokenSigner signer(ServiceEndpoint endpoint) {
		AccessKey key = endpoint.accessKey();
		if (key == null) {
			throw new AccessKeyUnavailableException(endpoint.id());
		}
		return this.signers.get(key);
	}

	private long nowSeconds() {
		return Math.floorDiv(this.clock.millis(), 1000);
	}

	/**
	 * The time claims in .NET's order: {@code nbf}, {@code exp}, {@code iat}.
	 */
	// The lifetime a token gets, capped, and remembered when it is the longest yet.
	private long issued(Duration requested) {
		long seconds = Math.min(requested.getSeconds(), this.maxLifetimeSeconds);
		if (seconds > this.longestIssuedSeconds.get()) {
			this.longestIssuedSeconds.accumulateAndGet(seconds, Math::max);
		}
		return seconds;
	}

	private static void times(JsonObjectWriter claims, long now, long lifetimeSeconds) {
		claims.number(NOT_BEFORE, now).number(EXPIRES, now + lifetimeSeconds).number(ISSUED_AT, now);
	}

	private static String lowerCase(String hub) {
		HubName.check(hub);
		StringBuilder lower = new StringBuilder(hub.length());
		for (int i = 0; i < hub.length(); i++) {
			char c = hub.charAt(i);
			lower.append((c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c);
		}
		return lower.toString();
	}

	private static String withoutTrailingSlash(URI uri) {
		String text = uri.toString();
		return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
	}

	private static Duration checkLifetime(Duration lifetime) {
		if (lifetime == null || lifetime.getSeconds() < 1) {
			throw new IllegalArgumentException("A token lifetime must be at least one second, not " + lifetime);
		}
		return lifetime;
	}

	private static String hostName() {
		// The environment, not a DNS look-up that may block: the name only helps to trace a server in the service.
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			host = System.getenv("COMPUTERNAME");
		}
		return (host == null || host.isBlank()) ? "java" : host.trim();
	}

	/**
	 * The default lifetime and the ids of the prepared keys; never a key.
	 */
	@Override
	public String toString() {
		return "SignalRTokenService[defaultLifetime=" + this.defaultLifetime + ", keyIds=" + this.signers.keyIds()
				+ "]";
	}

}
