package io.github.springsignalr.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of Azure SignalR Service support, under {@code azure.signalr}.
 * <p>
 * The endpoints themselves ({@code azure.signalr.connection-string} in its three shapes, and
 * {@code azure.signalr.endpoints}) are read by {@link ConnectionStringProperties}, not bound here: one property that
 * may be a string or a map of maps has no Java type to bind to.
 */
@ConfigurationProperties("azure.signalr")
public class SignalRProperties {

	/**
	 * Whether to enable Azure SignalR Service support.
	 */
	private boolean enabled = true;

	/**
	 * Lifetime of the access tokens issued to clients and for REST calls.
	 */
	private Duration accessTokenLifetime = Duration.ofHours(1);

	/**
	 * Longest lifetime of any access token, whatever a request or a negotiate customizer asks for.
	 */
	private Duration accessTokenMaxLifetime = Duration.ofHours(24);

	/**
	 * Name of the application whose hubs these are, when several share one service: the prefix of hub names in
	 * REST calls, client URLs and audiences, as the .NET SDK's ApplicationName.
	 */
	private @Nullable String applicationName;

	private final HealthCheck healthCheck = new HealthCheck();

	private final Negotiate negotiate = new Negotiate();

	private final KeyVault keyVault = new KeyVault();

	private final Reload reload = new Reload();

	private final Upstream upstream = new Upstream();

	private final Entra entra = new Entra();

	/**
	 * How the application serves clients: "serverless" (REST API and upstream events) or "default" (server
	 * connections to the service).
	 */
	private Mode mode = Mode.SERVERLESS;

	private final Server server = new Server();

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Server getServer() {
		return this.server;
	}

	/**
	 * The service modes an application can work in.
	 */
	public enum Mode {

		/** Clients' events come as upstream requests; messages go through the REST API. */
		SERVERLESS,

		/** The application keeps server connections to the service, which carry clients' messages both ways. */
		DEFAULT

	}

	/**
	 * Server connections of default mode.
	 */
	public static class Server {

		/**
		 * Server connections per hub and endpoint (the .NET SDK's InitialHubServerConnectionCount).
		 */
		private int connectionCount = 5;

		/**
		 * Hubs to serve besides those named by annotated methods (a method for every hub names none).
		 */
		private List<String> hubs = new ArrayList<>();

		/**
		 * How long a stop waits for clients to leave after telling the service (shutdown fin:2); 0 stops at once.
		 */
		private Duration gracefulShutdownTimeout = Duration.ZERO;

		public Duration getGracefulShutdownTimeout() {
			return this.gracefulShutdownTimeout;
		}

		public void setGracefulShutdownTimeout(Duration gracefulShutdownTimeout) {
			this.gracefulShutdownTimeout = gracefulShutdownTimeout;
		}

		public int getConnectionCount() {
			return this.connectionCount;
		}

		public void setConnectionCount(int connectionCount) {
			this.connectionCount = connectionCount;
		}

		public List<String> getHubs() {
			return this.hubs;
		}

		public void setHubs(List<String> hubs) {
			this.hubs = hubs;
		}

	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getAccessTokenLifetime() {
		return this.accessTokenLifetime;
	}

	public void setAccessTokenLifetime(Duration accessTokenLifetime) {
		this.accessTokenLifetime = accessTokenLifetime;
	}

	public Duration getAccessTokenMaxLifetime() {
		return this.accessTokenMaxLifetime;
	}

	public void setAccessTokenMaxLifetime(Duration accessTokenMaxLifetime) {
		this.accessTokenMaxLifetime = accessTokenMaxLifetime;
	}

	public @Nullable String getApplicationName() {
		return this.applicationName;
	}

	public void setApplicationName(String applicationName) {
		this.applicationName = applicationName;
	}

	public HealthCheck getHealthCheck() {
		return this.healthCheck;
	}

	public Negotiate getNegotiate() {
		return this.negotiate;
	}

	public KeyVault getKeyVault() {
		return this.keyVault;
	}

	public Reload getReload() {
		return this.reload;
	}

	public Upstream getUpstream() {
		return this.upstream;
	}

	public Entra getEntra() {
		return this.entra;
	}

	public static class HealthCheck {

		/**
		 * Whether to probe every endpoint's health API on an interval, taking endpoints that fail offline.
		 */
		private boolean enabled = true;

		/**
		 * Interval between two health checks of the endpoints.
		 */
		private Duration interval = Duration.ofSeconds(10);

		/**
		 * How many more times to probe an endpoint whose probe failed before taking it offline.
		 */
		private int retries = 2;

		/**
		 * Time to wait before probing a failed endpoint again.
		 */
		private Duration retryInterval = Duration.ofSeconds(3);

		/**
		 * Longest time one probe of an endpoint's health API may take (connecting and answering).
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * Whether to probe, and take offline, an endpoint that is the only one; off by default, as in the .NET SDK, since
		 * an offline sole endpoint only turns every negotiate into a 503.
		 */
		private boolean enabledForSingleEndpoint = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getRetries() {
			return this.retries;
		}

		public void setRetries(int retries) {
			this.retries = retries;
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isEnabledForSingleEndpoint() {
			return this.enabledForSingleEndpoint;
		}

		public void setEnabledForSingleEndpoint(boolean enabledForSingleEndpoint) {
			this.enabledForSingleEndpoint = enabledForSingleEndpoint;
		}

	}

	public static class Negotiate {

		/**
		 * Whether to serve "POST {path-prefix}/{hub}/negotiate" for clients, in a Spring MVC or WebFlux application.
		 */
		private boolean enabled = true;

		/**
		 * Path before "/{hub}/negotiate", for example "/signalr"; empty to serve it at the root.
		 */
		private String pathPrefix = "";

		/**
		 * Hubs clients may negotiate for, in any case; empty to allow any hub.
		 */
		private List<String> hubs = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPathPrefix() {
			return this.pathPrefix;
		}

		public void setPathPrefix(String pathPrefix) {
			this.pathPrefix = pathPrefix;
		}

		public List<String> getHubs() {
			return this.hubs;
		}

		public void setHubs(List<String> hubs) {
			this.hubs = hubs;
		}

	}

	public static class KeyVault {

		/**
		 * Interval between two checks of the versions of each Key Vault secret that a versionless
		 * "@Microsoft.KeyVault(...)" reference configures; a rotated connection string is used within this interval.
		 */
		private Duration refreshInterval = Duration.ofMinutes(1);

		/**
		 * Whether start-up fails when a versionless Key Vault reference cannot be resolved (vault unreachable, access
		 * denied, no usable version). When false, its endpoint starts offline, without a key, and is retried until a
		 * valid version can be read.
		 */
		private boolean failFast = true;

		/**
		 * Hosts that Key Vault references may name besides the vaults of Azure's clouds (*.vault.azure.net,
		 * *.vault.azure.cn, *.vault.usgovcloudapi.net, *.vault.microsoftazure.de): a host name, "*." and a domain, or
		 * an IP literal. A loopback host listed here (localhost, 127.0.0.1, [::1]) is taken for a local emulator: the
		 * starter's own vault client skips challenge-resource verification for it.
		 */
		private List<String> allowedHosts = new ArrayList<>();

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public boolean isFailFast() {
			return this.failFast;
		}

		public void setFailFast(boolean failFast) {
			this.failFast = failFast;
		}

		public List<String> getAllowedHosts() {
			return this.allowedHosts;
		}

		public void setAllowedHosts(List<String> allowedHosts) {
			this.allowedHosts = allowedHosts;
		}

	}

	public static class Reload {

		/**
		 * Whether to follow changes of the connection-string properties while the application runs, as a refreshing
		 * property source (Spring Cloud Azure's Key Vault property source, for one) makes them.
		 */
		private boolean enabled = true;

		/**
		 * Interval between two comparisons of the connection-string properties with the endpoints in use.
		 */
		private Duration interval = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

	public static class Upstream {

		/**
		 * Whether to serve the upstream URL the service posts serverless events to, in a Spring MVC or WebFlux application.
		 */
		private boolean enabled = true;

		/**
		 * Path of the upstream URL; "{hub}", "{category}" and "{event}" in it must match the request's X-ASRS headers.
		 */
		private String path = "/signalr/upstream/{hub}/{category}/{event}";

		/**
		 * Whether to refuse events of a connection whose "connected" event this instance has not accepted, rather
		 * than binding it to the hub of its first event; only for a single instance.
		 */
		private boolean requireConnectedEvent = false;

		/**
		 * How long a @SignalRMessage method's CompletionStage result is waited for; after it the client gets an error
		 * completion and the stage's later result is ignored. Keep it below the time the service waits for an
		 * upstream answer.
		 */
		private Duration invocationTimeout = Duration.ofSeconds(30);

		/**
		 * Upstream requests authenticated with the Microsoft Entra token of the service's managed identity.
		 */
		private final UpstreamEntra entra = new UpstreamEntra();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public boolean isRequireConnectedEvent() {
			return this.requireConnectedEvent;
		}

		public void setRequireConnectedEvent(boolean requireConnectedEvent) {
			this.requireConnectedEvent = requireConnectedEvent;
		}

		public Duration getInvocationTimeout() {
			return this.invocationTimeout;
		}

		public void setInvocationTimeout(Duration invocationTimeout) {
			this.invocationTimeout = invocationTimeout;
		}

		public UpstreamEntra getEntra() {
			return this.entra;
		}

	}

	/**
	 * The bearer token the service sends upstream when its upstream settings authenticate with its managed identity
	 * ({@code "auth": {"type": "ManagedIdentity", "managedIdentity": {"resource": …}}}).
	 */
	public static class UpstreamEntra {

		/**
		 * Audience ("aud") an upstream request's Microsoft Entra token must have: the resource of the service's
		 * upstream settings (an application ID URI or client id). Unset, bearer tokens are not accepted.
		 */
		private @Nullable String audience;

		/**
		 * Tenant whose Microsoft Entra ID must have issued the token; by default the TenantId of the Microsoft Entra
		 * endpoints' connection strings, when they name one.
		 */
		private @Nullable String tenantId;

		/**
		 * Name of the SSL bundle ("spring.ssl.bundle.*") to trust when fetching the tenant's OpenID metadata and
		 * signing keys; the JVM's default trust when unset.
		 */
		private @Nullable String sslBundle;

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(String audience) {
			this.audience = audience;
		}

		public @Nullable String getTenantId() {
			return this.tenantId;
		}

		public void setTenantId(String tenantId) {
			this.tenantId = tenantId;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(String sslBundle) {
			this.sslBundle = sslBundle;
		}

	}

	/**
	 * Temporary access keys of endpoints using Microsoft Entra ID ({@code AuthType=azure}, {@code azure.msi},
	 * {@code azure.app}).
	 */
	public static class Entra {

		/**
		 * Interval between two fetches of each Microsoft Entra endpoint's temporary access key from the service.
		 */
		private Duration keyRefreshInterval = Duration.ofMinutes(55);

		/**
		 * Time to wait after a failed fetch of a temporary access key (itself tried three times) before trying again.
		 */
		private Duration retryInterval = Duration.ofMinutes(5);

		/**
		 * How long a temporary access key is relied on after it was fetched; an endpoint whose key is older, with no
		 * new one, is offline. At most 90 minutes, when the service lets the key expire.
		 */
		private Duration keyLifetime = Duration.ofMinutes(85);

		/**
		 * Hosts besides the service's (*.service.signalr.net, *.signalr.azure.cn, *.signalr.azure.us) to which an
		 * AuthType=azure* endpoint may send its Microsoft Entra token and temporary-key request: host names, or
		 * "*.suffix" patterns for any host below a suffix. Loopback too must be listed (e.g. "localhost" for an
		 * emulator). The token is sent over https only, except to a loopback host listed here.
		 */
		private List<String> allowedHosts = new ArrayList<>();

		public Duration getKeyRefreshInterval() {
			return this.keyRefreshInterval;
		}

		public void setKeyRefreshInterval(Duration keyRefreshInterval) {
			this.keyRefreshInterval = keyRefreshInterval;
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

		public Duration getKeyLifetime() {
			return this.keyLifetime;
		}

		public void setKeyLifetime(Duration keyLifetime) {
			this.keyLifetime = keyLifetime;
		}

		public List<String> getAllowedHosts() {
			return this.allowedHosts;
		}

		public void setAllowedHosts(List<String> allowedHosts) {
			this.allowedHosts = allowedHosts;
		}

	}

}
