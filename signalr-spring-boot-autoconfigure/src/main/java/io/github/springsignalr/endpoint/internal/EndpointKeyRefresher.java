package io.github.springsignalr.endpoint.internal;

import java.util.Optional;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpoint;

/**
 * Fetches an endpoint's key again, now, when the service has refused the one in use (a 401 after a forced
 * regeneration), so that the caller can retry once with the new key instead of failing until the next scheduled
 * refresh. Key Vault-backed endpoints provide one; without any, a 401 is final.
 */
@FunctionalInterface
public interface EndpointKeyRefresher {

	/**
	 * @return the endpoint as it is after the refresh (already in the registry), or empty when nothing newer is known
	 */
	Optional<ServiceEndpoint> refresh(EndpointId id);

}
