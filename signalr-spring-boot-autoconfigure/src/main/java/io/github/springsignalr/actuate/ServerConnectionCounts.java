package io.github.springsignalr.actuate;

import java.util.Map;

import io.github.springsignalr.endpoint.EndpointId;

/**
 * The connected server connections of default mode per hub of an endpoint, for the {@code signalr} actuator endpoint.
 */
@FunctionalInterface
public interface ServerConnectionCounts {

	/** Serverless mode: no server connections, shown as {@code null}. */
	ServerConnectionCounts NONE = (endpoint) -> null;

	/**
	 * Hub (lower-cased) to connected server connections, or {@code null} when the application is not in default mode.
	 */
	Map<String, Integer> of(EndpointId endpoint);

}
