package io.github.springsignalr.endpoint;

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
