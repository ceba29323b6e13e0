package io.github.springsignalr.rest;

import io.github.springsignalr.endpoint.ServiceEndpoint;

/**
 * The bearer token of REST calls to endpoints that do not sign their own: those using Microsoft Entra ID call the
 * REST API with their Entra token, as the .NET SDK does.
 */
@FunctionalInterface
public interface RestBearerTokenProvider {

	/**
	 * @return the token for REST calls to the endpoint, or {@code null} to sign one with the endpoint's access key
	 */
	String bearerToken(ServiceEndpoint endpoint);

}
