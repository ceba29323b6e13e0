package io.github.springsignalr.endpoint;

import java.util.HashMap;
import java.util.Map;

import io.github.springsignalr.connectionstring.Secrets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Probes every endpoint and records the verdict in the registry: an endpoint that does not answer healthy is marked
 * offline, so that negotiation skips it and messages stop going to it, and back online as soon as it answers again.
 * An endpoint without a key stays offline whatever the probe says: an access-key endpoint whose key was taken away (a
 * Key Vault key set with no valid version), or one using Microsoft Entra ID that has no temporary key from the service
 * yet; a healthy service does not make it usable. Call {@link #checkAll()} on an interval
 * (the auto-configuration schedules it).
 */
public class EndpointHealthChecker {

	private static final Log logger = LogFactory.getLog(EndpointHealthChecker.class);

	private final ServiceEndpointRegistry registry;

	private final EndpointHealthProbe probe;

	public EndpointHealthChecker(ServiceEndpointRegistry registry, EndpointHealthProbe probe) {
		this.registry = registry;
		this.probe = probe;
	}

	/**
	 * Probes every endpoint of the current snapshot, then applies all verdicts in one update.
	 */
	public void checkAll() {
		Map<EndpointId, Boolean> verdicts = new HashMap<>();
		for (ServiceEndpoint endpoint : this.registry.endpoints()) {
			verdicts.put(endpoint.id(), probe(endpoint));
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
							+ ") failed its health check: offline until it answers again");
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
