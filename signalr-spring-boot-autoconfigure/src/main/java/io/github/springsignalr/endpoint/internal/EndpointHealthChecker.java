package io.github.springsignalr.endpoint.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Probes every endpoint and records the verdict in the registry, as the .NET Management SDK's
 * {@code RestHealthCheckService} does: an endpoint whose probe fails is probed again, up to {@code retries} more times
 * {@code retryInterval} apart, and only when every attempt failed is it marked offline, so that negotiation skips it
 * and messages stop going to it; it is back online as soon as it answers again. A sole endpoint is not probed while
 * it is online (taking it offline would only turn every negotiate into a 503) unless {@code checkSingleEndpoint} says
 * so; once offline it is probed, to bring it back.
 * <p>
 * An endpoint without a key stays offline whatever the probe says: an access-key endpoint whose key was taken away (a
 * Key Vault key set with no valid version), or one using Microsoft Entra ID that has no temporary key from the service
 * yet; a healthy service does not make it usable. Call {@link #checkAll()} on an interval
 * (the auto-configuration schedules it).
 */
public class EndpointHealthChecker {

	/** How many times a failed probe is tried again, as {@code RestHealthCheckService.MaxRetries}. */
	public static final int DEFAULT_RETRIES = 2;

	/** How long to wait before trying a failed probe again, as {@code HealthCheckOption.RetryInterval}. */
	public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(3);

	private static final Log logger = LogFactory.getLog(EndpointHealthChecker.class);

	private final ServiceEndpointRegistry registry;

	private final EndpointHealthProbe probe;

	private final int retries;

	private final Duration retryInterval;

	private final boolean checkSingleEndpoint;

	/**
	 * A checker with the .NET SDK's policy: {@value #DEFAULT_RETRIES} retries 3 seconds apart, a sole online
	 * endpoint left alone.
	 */
	public EndpointHealthChecker(ServiceEndpointRegistry registry, EndpointHealthProbe probe) {
		this(registry, probe, DEFAULT_RETRIES, DEFAULT_RETRY_INTERVAL, false);
	}

	/**
	 * @param retries how many more times to probe an endpoint whose probe failed, before it goes offline
	 * @param retryInterval how long to wait before each retry
	 * @param checkSingleEndpoint whether to probe, and take offline, an endpoint that is the only one
	 */
	public EndpointHealthChecker(ServiceEndpointRegistry registry, EndpointHealthProbe probe, int retries,
			Duration retryInterval, boolean checkSingleEndpoint) {
		if (retries < 0) {
			throw new IllegalArgumentException("Health-check retries must be 0 or more, not " + retries);
		}
		if (retryInterval == null || retryInterval.isNegative()) {
			throw new IllegalArgumentException("The health-check retry interval must be 0 or more, not "
					+ retryInterval);
		}
		this.registry = registry;
		this.probe = probe;
		this.retries = retries;
		this.retryInterval = retryInterval;
		this.checkSingleEndpoint = checkSingleEndpoint;
	}

	/**
	 * Probes every endpoint of the current snapshot (each with its retries), then applies all verdicts in one update.
	 * Does nothing when the snapshot holds a sole endpoint, online, and single endpoints are not checked.
	 */
	public void checkAll() {
		List<ServiceEndpoint> current = this.registry.endpoints();
		if (current.size() <= 1 && !this.checkSingleEndpoint
				&& current.stream().allMatch(ServiceEndpoint::online)) {
			return;
		}
		Map<EndpointId, Boolean> verdicts = new HashMap<>();
		for (ServiceEndpoint endpoint : current) {
			Boolean healthy = probeWithRetries(endpoint);
			if (healthy == null) {
				// Interrupted while waiting to retry (the application stops): no verdict rather than a wrong one.
				return;
			}
			verdicts.put(endpoint.id(), healthy);
		}
		this.registry.update((endpoints) -> {
			endpoints.replaceAll((endpoint) -> {
				Boolean healthy = verdicts.get(endpoint.id());
				if (healthy == null || healthy == endpoint.online()) {
					return endpoint;
				}
				if (healthy && !canSign(endpoint)) {
					// Decided on the endpoint as it is now, inside the update: a key cleared meanwhile keeps it out.
					return endpoint;
				}
				if (healthy) {
					logger.info("Azure SignalR endpoint " + endpoint.id() + " (" + endpoint.endpoint()
							+ ") is healthy again: back online");
				}
				else {
					logger.warn("Azure SignalR endpoint " + endpoint.id() + " (" + endpoint.endpoint()
							+ ") failed its health check " + (this.retries + 1)
							+ " times in a row: offline until it answers again");
				}
				return endpoint.withOnline(healthy);
			});
			return endpoints;
		});
	}

	/**
	 * Whether the endpoint can sign tokens: an access-key endpoint without its key, or an Entra endpoint before the
	 * service gave it a temporary key, has nothing to sign with (the Entra key refresher brings it online with one).
	 */
	private static boolean canSign(ServiceEndpoint endpoint) {
		return endpoint.accessKey() != null;
	}

	private @Nullable Boolean probeWithRetries(ServiceEndpoint endpoint) {
		for (int attempt = 0;; attempt++) {
			if (probe(endpoint)) {
				return true;
			}
			if (attempt >= this.retries) {
				return false;
			}
			logger.debug("Health check of " + endpoint.id() + " failed; trying again in " + this.retryInterval);
			try {
				Thread.sleep(this.retryInterval.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
	}

	private boolean probe(ServiceEndpoint endpoint) {
		try {
			return this.probe.isHealthy(endpoint);
		}
		catch (Exception ex) {
			// The exception's class and message only, redacted: whatever the probe's HTTP client says, no key shows.
			logger.debug("Health check of " + endpoint.id() + " failed: " + Secrets.redact(ex.toString()));
			return false;
		}
	}

}
