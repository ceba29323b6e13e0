package io.github.springsignalr.endpoint;

/**
 * Whether an endpoint that the registry holds online can take a hub's clients and messages: in the service's default
 * mode, only while the application has a live server connection for that hub to it, as the .NET SDK's per-hub
 * {@code HubServiceEndpoint.Online} follows the status of its server connections. Negotiation and messages see an
 * unavailable endpoint as offline ({@link EndpointSnapshot#forHub}).
 */
@FunctionalInterface
public interface EndpointAvailability {

	/** Serverless mode: every endpoint online in the registry is available for every hub. */
	EndpointAvailability REGISTRY = (hub, endpoint) -> true;

	/**
	 * Whether {@code endpoint} can take clients and messages of {@code hub} (as the client named it, in any case).
	 */
	boolean isAvailable(String hub, EndpointId endpoint);

}
