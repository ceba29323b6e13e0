package io.github.springsignalr.endpoint.internal;

import io.github.springsignalr.endpoint.ServiceEndpoint;

/**
 * Asks one endpoint whether it is healthy, for the {@link EndpointHealthChecker}.
 */
@FunctionalInterface
public interface EndpointHealthProbe {

	/**
	 * @return whether the endpoint answered that it is healthy; {@code false} (or an exception) marks it offline
	 */
	boolean isHealthy(ServiceEndpoint endpoint) throws Exception;

}
