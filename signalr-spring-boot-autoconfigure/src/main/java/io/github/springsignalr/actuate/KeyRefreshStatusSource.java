package io.github.springsignalr.actuate;

import java.util.Optional;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;

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

	/**
	 * How the key of {@code endpoint}, as taken from one registry snapshot, was refreshed: the version reported is
	 * the one that key came from, even when the source has moved on since the snapshot was taken.
	 */
	default Optional<KeyRefreshStatus> refreshStatus(ServiceEndpoint endpoint) {
		return refreshStatus(endpoint.id());
	}

}
