package io.github.springsignalr.token;

import io.github.springsignalr.endpoint.EndpointId;

/**
 * An endpoint has no access key to sign with: one that authenticates with Microsoft Entra ID and has not yet obtained
 * its key from the service. Another endpoint may serve instead, or the same one a little later.
 */
public class AccessKeyUnavailableException extends IllegalStateException {

	private final EndpointId endpointId;

	public AccessKeyUnavailableException(EndpointId endpointId) {
		super("Azure SignalR endpoint " + endpointId + " has no access key to sign tokens with yet: an endpoint using "
				+ "Microsoft Entra ID (AuthType=azure, azure.msi or azure.app) gets one from the service after start-up");
		this.endpointId = endpointId;
	}

	public EndpointId getEndpointId() {
		return this.endpointId;
	}

}
