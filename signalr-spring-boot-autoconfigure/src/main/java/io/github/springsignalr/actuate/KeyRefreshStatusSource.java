package io.github.springsignalr.actuate;

import java.util.Optional;

import io.github.springsignalr.endpoint.EndpointId;

/**
 * Tells how an endpoint's key was last refreshed, for endpoints whose key is followed somewhere (a Key Vault secret).
 * Kept apart from the Key Vault support so that health and the actuator endpoint need none of it.
 */
@FunctionalInterface
public interface KeyRefreshStatusSource {

	/** Knows of no refreshed key. */
	KeyRefreshStatusSource NONE = (endpoint) -> Optional.empty();

	/**
	 * @return how the endpoint's key was last refreshed, or empty when its key is not followed
	 */
	Optional<KeyRefreshStatus> refreshStatus(EndpointId endpoint);

}
