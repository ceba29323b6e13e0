package io.github.springsignalr.token;

import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.EndpointSnapshot;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;

/**
 * Answers a client's negotiate: picks an endpoint with the {@link EndpointRouter} from the registry's current snapshot
 * and returns where to connect and the access token to connect with, signed with that endpoint's current key.
 */
public class SignalRNegotiator {

	private final ServiceEndpointRegistry registry;

	private final EndpointRouter router;

	private final SignalRTokenService tokens;

	public SignalRNegotiator(ServiceEndpointRegistry registry, EndpointRouter router, SignalRTokenService tokens) {
		this.registry = registry;
		this.router = router;
		this.tokens = tokens;
	}

	/**
	 * @throws io.github.springsignalr.endpoint.NoAvailableEndpointException when no endpoint is online
	 * @throws AccessTokenTooLongException when the claims make the token too long
	 */
	public NegotiateResponse negotiate(ClientTokenRequest request) {
		EndpointSnapshot snapshot = this.registry.snapshot();
		ServiceEndpoint endpoint = this.router.negotiateEndpoint(snapshot, request.hub());
		return this.tokens.negotiate(endpoint, request);
	}

}
