package io.github.springsignalr.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

	private final HealthCheck healthCheck = new HealthCheck();

	private final Negotiate negotiate = new Negotiate();

	private final KeyVault keyVault = new KeyVault();

	private final Reload reload = new Reload();

	private final Upstream upstream = new Upstream();

	private final Entra entra = new Entra();

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
		 * Interval between two health checks of the endpoints; also the longest an endpoint's probe may take.
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

	public static class Negotiate {

		/**
		 * Whether to serve "POST {path-prefix}/{hub}/negotiate" for clients, in a Spring MVC application.
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
		 * Whether to serve the upstream URL the service posts serverless events to, in a Spring MVC application.
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
		 * new one, is offline.
		 */
		private Duration keyLifetime = Duration.ofMinutes(120);

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

	}

}
