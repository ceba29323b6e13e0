package io.github.springsignalr.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.springsignalr.emulator.auth.AccessKeys;
import io.github.springsignalr.emulator.auth.EntraAuthentication;
import io.github.springsignalr.emulator.auth.KeyFingerprint;
import io.github.springsignalr.emulator.auth.KeyRing;
import io.github.springsignalr.emulator.auth.TemporaryKeys;
import io.github.springsignalr.emulator.client.SessionSettings;
import io.github.springsignalr.emulator.entra.EntraEmulator;
import io.github.springsignalr.emulator.hub.HubRegistry;
import io.github.springsignalr.emulator.serverconnection.ServerConnections;
import io.github.springsignalr.emulator.rest.RestFault;
import io.github.springsignalr.emulator.rest.RestFaults;
import io.github.springsignalr.emulator.server.EmulatorServer;
import io.github.springsignalr.emulator.upstream.UpstreamManagedIdentity;
import io.github.springsignalr.emulator.upstream.UpstreamTemplate;

/**
 * A local Azure SignalR Service in serverless mode, over plain HTTP: client negotiate and WebSocket connections with
 * the JSON hub protocol, the REST API, upstream calls, and two access keys that tokens must be signed with.
 * <pre class="code">
 * try (SignalREmulator emulator = SignalREmulator.builder().port(0).build().start()) {
 *     String connectionString = emulator.primaryConnectionString();
 *     // Endpoint=http://localhost;Port=…;AccessKey=…;Version=1.0;
 * }
 * </pre>
 * Built with {@link Builder#entra(EntraEmulator) entra(…)}, it also trusts that Microsoft Entra ID, as an instance
 * with Microsoft Entra authentication does: an application signed in there gets temporary access keys from
 * {@code GET /api/v1/auth/accessKey} to sign client tokens with, and calls the REST API with its Entra token; see
 * {@link #entraConnectionString(String, String, String)}. The access keys keep working at the same time.
 * <p>
 * Nothing here logs a key or a token; {@link #toString()} shows the keys' fingerprints only.
 */
public final class SignalREmulator implements AutoCloseable {

	/** The port Microsoft's emulator listens on, and so the default here. */
	public static final int DEFAULT_PORT = 8888;

	private static final Logger logger = LoggerFactory.getLogger(SignalREmulator.class);

	private final String host;

	private final int requestedPort;

	/** The port of the last start, which a restart binds again; 0 before the first. */
	private int lastPort;

	private final KeyRing keys;

	private final TemporaryKeys temporaryKeys;

	private final @Nullable EntraAuthentication entra;

	private final @Nullable UpstreamTemplate upstream;

	private final @Nullable UpstreamManagedIdentity upstreamIdentity;

	private final SessionSettings sessionSettings;

	private final HubRegistry hubs;

	private final ServerConnections servers;

	private final RestFaults restFaults = new RestFaults();

	private volatile @Nullable EmulatorServer server;

	private SignalREmulator(Builder builder) {
		this.host = builder.host;
		this.requestedPort = builder.port;
		this.keys = KeyRing.of(builder.primaryKey, builder.secondaryKey);
		this.temporaryKeys = new TemporaryKeys(builder.temporaryKeyLifetime, Clock.systemUTC());
		this.entra = (builder.entra != null) ? new EntraAuthentication(builder.entra.verifier(), builder.entraRoles)
				: null;
		this.upstream = (builder.upstream != null) ? new UpstreamTemplate(builder.upstream) : null;
		this.upstreamIdentity = (builder.upstreamEntra != null) ? UpstreamManagedIdentity.register(builder.upstreamEntra,
				builder.upstreamTenantId, builder.upstreamResource) : null;
		this.sessionSettings = SessionSettings.withKeepAlive(builder.keepAliveInterval);
		this.servers = new ServerConnections(builder.dropServerConnectionsOnKeyRegeneration);
		this.hubs = new HubRegistry(Clock.systemUTC());
		builder.faults.forEach((arm) -> arm.accept(this.restFaults));
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Binds the server. The emulator is usable once this returns. Started again after {@link #close()}, it binds the
	 * port it had (with the keys it has), so its connection strings stay valid: an outage and a recovery.
	 * @return this emulator
	 * @throws IllegalStateException if it is already started
	 */
	public synchronized SignalREmulator start() {
		if (this.server != null) {
			throw new IllegalStateException("The emulator is already started on " + endpoint());
		}
		int port = (this.requestedPort == 0) ? this.lastPort : this.requestedPort;
		this.server = EmulatorServer.start(this.host, port, publicHost(), this.keys, this.temporaryKeys,
				this.entra, this.hubs, this.servers, this.upstream, this.upstreamIdentity, this.sessionSettings,
				this.restFaults, this::connectionString);
		logger.info("SignalR emulator listening on {} (primary key {}, secondary key {}, upstream {}{}, Microsoft "
				+ "Entra ID {})", endpoint(), KeyFingerprint.of(this.keys.keys().primary()),
				KeyFingerprint.of(this.keys.keys().secondary()), (this.upstream != null) ? this.upstream : "none",
				(this.upstreamIdentity != null) ? " with managed identity " + this.upstreamIdentity.clientId()
						+ " for " + this.upstreamIdentity.resource() : "",
				(this.entra != null) ? "trusted, temporary keys for " + this.temporaryKeys.lifetime() : "none");
		this.lastPort = this.server.port();
		return this;
	}

	/**
	 * Closes every client connection, giving clients a moment to answer the close, and stops the server. Does
	 * nothing if not started.
	 */
	@Override
	public synchronized void close() {
		EmulatorServer running = this.server;
		if (running == null) {
			return;
		}
		running.stop();
		this.server = null;
		logger.info("SignalR emulator on port {} stopped", running.port());
	}

	/**
	 * The port the server is bound to.
	 * @throws IllegalStateException if not started
	 */
	public int port() {
		return runningServer().port();
	}

	/**
	 * The service endpoint, {@code http://localhost:{port}}, as in the connection strings.
	 */
	public URI endpoint() {
		return URI.create("http://" + publicHost() + ":" + port());
	}

	/**
	 * The URL a client connects to for {@code hub}: {@code {endpoint}/client/?hub={hub}}. Clients negotiate at
	 * {@code {endpoint}/client/negotiate?hub={hub}}.
	 */
	public String clientUrl(String hub) {
		return endpoint() + "/client/?hub=" + hub;
	}

	/**
	 * The audience of a client token for {@code hub}, as the .NET SDK writes it (port left out, hub lower-cased).
	 */
	public String clientAudience(String hub) {
		return "http://" + publicHost() + "/client/?hub=" + hub.toLowerCase(Locale.ROOT);
	}

	/**
	 * A connection string with the given key, in the form Microsoft's emulator prints:
	 * {@code Endpoint=http://localhost;Port=8888;AccessKey=…;Version=1.0;}.
	 */
	public String connectionString(KeyType type) {
		return connectionString(this.keys.keys().key(type));
	}

	public String primaryConnectionString() {
		return connectionString(KeyType.PRIMARY);
	}

	public String secondaryConnectionString() {
		return connectionString(KeyType.SECONDARY);
	}

	/**
	 * A connection string for an application that signs in with Microsoft Entra ID, in the form the service's
	 * documentation gives: {@code Endpoint=http://localhost;Port=8888;AuthType=azure.app;ClientId=…;TenantId=…;
	 * ClientSecret=…;Version=1.0;}. Where the application finds the Microsoft Entra ID (the {@link EntraEmulator}'s
	 * authority host) is not part of it.
	 */
	public String entraConnectionString(String tenantId, String clientId, String clientSecret) {
		return "Endpoint=http://" + publicHost() + ";Port=" + port() + ";AuthType=azure.app;ClientId=" + clientId
				+ ";TenantId=" + tenantId + ";ClientSecret=" + clientSecret + ";Version=1.0;";
	}

	/**
	 * Assigns roles to the application {@code clientId} of the trusted Microsoft Entra ID from now on, replacing any
	 * it held, as {@code az role assignment create} does on a running resource.
	 * @throws IllegalStateException if the emulator trusts no Microsoft Entra ID
	 */
	public void assignEntraRoles(String clientId, SignalRRole... roles) {
		Objects.requireNonNull(clientId, "clientId");
		if (this.entra == null) {
			throw new IllegalStateException("This emulator trusts no Microsoft Entra ID: build it with entra(…)");
		}
		Set<SignalRRole> assigned = EnumSet.noneOf(SignalRRole.class);
		assigned.addAll(List.of(roles));
		this.entra.assign(clientId, assigned);
	}

	/**
	 * How many temporary access keys {@code GET /api/v1/auth/accessKey} handed out since the emulator was built.
	 */
	public int temporaryKeysIssued() {
		return this.temporaryKeys.issuedCount();
	}

	/**
	 * Whether the emulator trusts a Microsoft Entra ID.
	 */
	public boolean isEntraEnabled() {
		return this.entra != null;
	}

	/**
	 * The current key of the given type, for signing tokens in tests.
	 */
	public String accessKey(KeyType type) {
		return this.keys.keys().key(type);
	}

	/**
	 * Replaces a key with a new random one, as {@code az signalr key renew} does. From now on tokens signed with the
	 * old key are refused; connections already open stay open (server connections too, unless
	 * {@link Builder#dropServerConnectionsOnKeyRegeneration(boolean)}: then those whose token the old key signed are
	 * dropped, with their clients).
	 * @return the new key
	 */
	public String regenerateKey(KeyType type) {
		String old = KeyFingerprint.of(this.keys.keys().key(type));
		String key = this.keys.regenerate(type);
		logger.info("The {} access key was regenerated, now {}", type.name().toLowerCase(Locale.ROOT),
				KeyFingerprint.of(key));
		this.servers.keyRegenerated(old);
		return key;
	}

	/**
	 * Where upstream events go, or {@code null} when they go nowhere.
	 */
	public @Nullable UpstreamTemplate upstream() {
		return this.upstream;
	}

	/**
	 * The managed identity whose token authenticates upstream requests, or {@code null} when they carry none.
	 */
	public @Nullable UpstreamManagedIdentity upstreamIdentity() {
		return this.upstreamIdentity;
	}

	/**
	 * The number of connected clients (handshake done) in every hub.
	 */
	public int connectionCount() {
		return this.hubs.connectionCount();
	}

	/**
	 * The number of connected clients in {@code hub}.
	 */
	public int connectionCount(String hub) {
		return this.hubs.hub(hub).connectionCount();
	}

	/**
	 * The ids of the connected clients in {@code hub}.
	 */
	public List<String> connectionIds(String hub) {
		return this.hubs.hub(hub).connectionIds();
	}

	/**
	 * The number of server connections (of every type, handshake done) of {@code hub}, in default mode.
	 */
	public int serverConnectionCount(String hub) {
		return this.servers.count(HubRegistry.normalize(hub));
	}

	/**
	 * Drops every server connection of {@code hub}, as the service does when a server connection fails: their
	 * clients are dropped with them. The servers may connect again.
	 */
	public void dropServerConnections(String hub) {
		this.servers.drop(HubRegistry.normalize(hub));
	}

	/**
	 * Drops up to {@code count} of the live server connections of {@code hub}, chosen at random, with their clients,
	 * as when one server connection fails; the others carry on. {@code POST /admin/server-connections/drop} does the
	 * same over HTTP.
	 * @return how many were dropped
	 */
	public int dropServerConnections(String hub, int count) {
		return this.servers.drop(HubRegistry.normalize(hub), count);
	}

	/**
	 * The faults injected into this emulator's REST API calls: arm more, clear them, or count what they refused.
	 * They last across a restart.
	 */
	public RestFaults restFaults() {
		return this.restFaults;
	}

	public boolean isRunning() {
		return this.server != null;
	}

	private String connectionString(String key) {
		return "Endpoint=http://" + publicHost() + ";Port=" + port() + ";AccessKey=" + key + ";Version=1.0;";
	}

	/**
	 * The host name clients use: the bind host, or {@code localhost} when bound to every interface.
	 */
	private String publicHost() {
		return (this.host.equals("0.0.0.0") || this.host.equals("::")) ? "localhost" : this.host;
	}

	private EmulatorServer runningServer() {
		EmulatorServer running = this.server;
		if (running == null) {
			throw new IllegalStateException("The emulator is not started");
		}
		return running;
	}

	@Override
	public String toString() {
		AccessKeys current = this.keys.keys();
		return "SignalREmulator[" + ((this.server != null) ? endpoint() : "stopped") + ", primary key "
				+ KeyFingerprint.of(current.primary()) + ", secondary key " + KeyFingerprint.of(current.secondary())
				+ ((this.entra != null) ? ", Microsoft Entra ID trusted" : "") + "]";
	}

	/**
	 * Settings of a {@link SignalREmulator}.
	 */
	public static final class Builder {

		private String host = "localhost";

		private int port = DEFAULT_PORT;

		private @Nullable String primaryKey;

		private @Nullable String secondaryKey;

		private @Nullable String upstream;

		private @Nullable EntraEmulator upstreamEntra;

		private @Nullable String upstreamTenantId;

		private @Nullable String upstreamResource;

		private Duration keepAliveInterval = SessionSettings.DEFAULT.keepAliveInterval();

		private boolean dropServerConnectionsOnKeyRegeneration;

		private @Nullable EntraEmulator entra;

		private Duration temporaryKeyLifetime = TemporaryKeys.DEFAULT_LIFETIME;

		private final Map<String, Set<SignalRRole>> entraRoles = new LinkedHashMap<>();

		private final List<Consumer<RestFaults>> faults = new ArrayList<>();

		private Builder() {
		}

		/**
		 * The host to bind to and to name in the endpoint; {@code localhost} by default. {@code 0.0.0.0} binds every
		 * interface (in a container) and names {@code localhost}.
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/**
		 * The port; {@value SignalREmulator#DEFAULT_PORT} by default, 0 for a free one.
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("A port is 0 (a free one) to 65535, not " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * The primary key; a random one of the service's shape by default. At least 32 characters.
		 */
		public Builder primaryKey(String primaryKey) {
			this.primaryKey = primaryKey;
			return this;
		}

		/**
		 * The secondary key; a random one of the service's shape by default. At least 32 characters.
		 */
		public Builder secondaryKey(String secondaryKey) {
			this.secondaryKey = secondaryKey;
			return this;
		}

		/**
		 * The upstream URL template with {@code {hub}}, {@code {category}} and {@code {event}} placeholders; none by
		 * default (client invocations and connection events go nowhere).
		 */
		public Builder upstream(String urlTemplate) {
			this.upstream = urlTemplate;
			return this;
		}

		/**
		 * Authenticates upstream requests with a managed identity, as the service's upstream settings
		 * {@code "auth": {"type": "ManagedIdentity", "managedIdentity": {"resource": …}}} do: every request carries
		 * {@code Authorization: Bearer} with a token of an identity registered in {@code tenantId} of {@code entra},
		 * for the audience {@code resource}. The {@code X-ASRS-Signature} is sent as well. None by default.
		 */
		public Builder upstreamManagedIdentity(EntraEmulator entra, String tenantId, String resource) {
			this.upstreamEntra = Objects.requireNonNull(entra, "entra");
			this.upstreamTenantId = Objects.requireNonNull(tenantId, "tenantId");
			this.upstreamResource = resource;
			return this;
		}

		/**
		 * Whether a key regeneration drops the server connections of default mode whose token the regenerated key
		 * signed (and their clients), so that the servers must reconnect with a key that is valid; those signed with
		 * the other key are kept, or the service's two-key procedure would interrupt every application. Whether the
		 * service drops any is not public: by default live connections are kept, as a token is checked at the
		 * upgrade only; this is the other behaviour, to test against both.
		 */
		public Builder dropServerConnectionsOnKeyRegeneration(boolean drop) {
			this.dropServerConnectionsOnKeyRegeneration = drop;
			return this;
		}

		/**
		 * How often connected clients are pinged; 15 seconds by default, as the service does.
		 */
		public Builder keepAliveInterval(Duration keepAliveInterval) {
			if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
				throw new IllegalArgumentException("The keep-alive interval must be positive");
			}
			this.keepAliveInterval = keepAliveInterval;
			return this;
		}

		/**
		 * Trusts the tokens {@code entra} issues (its signature, an audience of {@code https://signalr.azure.com}, not
		 * expired): applications signed in there get temporary access keys and call the REST API with their token.
		 * None by default.
		 */
		public Builder entra(EntraEmulator entra) {
			this.entra = entra;
			return this;
		}

		/**
		 * How long a temporary access key stays valid after {@code GET /api/v1/auth/accessKey} handed it out; 90
		 * minutes by default, as the service's Learn page says.
		 */
		public Builder temporaryKeyLifetime(Duration lifetime) {
			Objects.requireNonNull(lifetime, "lifetime");
			if (lifetime.isNegative() || lifetime.isZero()) {
				throw new IllegalArgumentException("The temporary key lifetime must be positive, not " + lifetime);
			}
			this.temporaryKeyLifetime = lifetime;
			return this;
		}

		/**
		 * Assigns roles to the application {@code clientId} of the trusted Microsoft Entra ID (as
		 * {@code az role assignment create} does on the resource), replacing any assigned before. An identity holds no
		 * role until it is given one, so its calls get 403; a serverless application needs
		 * {@link SignalRRole#SERVICE_OWNER} (REST calls and temporary keys).
		 */
		public Builder entraRoles(String clientId, SignalRRole... roles) {
			Objects.requireNonNull(clientId, "clientId");
			Set<SignalRRole> assigned = EnumSet.noneOf(SignalRRole.class);
			assigned.addAll(List.of(roles));
			this.entraRoles.put(clientId, assigned);
			return this;
		}

		/**
		 * Gives the first {@code count} REST calls {@code fault} (see {@link RestFaults#next}).
		 */
		public Builder restFault(int count, RestFault fault) {
			Objects.requireNonNull(fault, "fault");
			this.faults.add((faults) -> faults.next(count, fault));
			return this;
		}

		/**
		 * Gives each REST call, with probability {@code fraction}, {@code fault} (see {@link RestFaults#fraction}).
		 */
		public Builder restFault(double fraction, RestFault fault) {
			Objects.requireNonNull(fault, "fault");
			this.faults.add((faults) -> faults.fraction(fraction, fault));
			return this;
		}

		/**
		 * An emulator with these settings, not started.
		 * @throws IllegalArgumentException if a key or the upstream template is invalid
		 */
		public SignalREmulator build() {
			return new SignalREmulator(this);
		}

	}

}
