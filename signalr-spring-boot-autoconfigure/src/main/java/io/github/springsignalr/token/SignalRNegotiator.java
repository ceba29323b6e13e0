package io.github.springsignalr.token;

import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.EndpointSnapshot;
import io.github.springsignalr.endpoint.NegotiateContext;
import io.github.springsignalr.endpoint.NoAvailableEndpointException;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.endpoint.SignalRListener.NegotiationOutcome;

/**
 * Answers a client's negotiate: picks an endpoint with the {@link EndpointRouter} from the registry's current snapshot
 * and returns where to connect and the access token to connect with, signed with that endpoint's current key.
 */
public class SignalRNegotiator {

	private final ServiceEndpointRegistry registry;

	private final EndpointRouter router;

	private final SignalRTokenService tokens;

	private final SignalRListener listener;

	public SignalRNegotiator(ServiceEndpointRegistry registry, EndpointRouter router, SignalRTokenService tokens) {
		this(registry, router, tokens, SignalRListener.NONE);
	}

	/**
	 * @param listener told how every negotiation ended
	 */
	public SignalRNegotiator(ServiceEndpointRegistry registry, EndpointRouter router, SignalRTokenService tokens,
			SignalRListener listener) {
		this.registry = registry;
		this.router = router;
		this.tokens = tokens;
		this.listener = listener;
	}

	/**
	 * A negotiation without an HTTP request: the router sees the hub and the user id only.
	 * @throws NoAvailableEndpointException when no endpoint is online
	 * @throws AccessTokenTooLongException when the claims make the token too long
	 */
	public NegotiateResponse negotiate(ClientTokenRequest request) {
		return negotiate(request, NegotiateContext.of(request.hub(), request.userId()));
	}

	/**
	 * @param context what the router sees of the negotiate request
	 * @throws NoAvailableEndpointException when no endpoint is online, or the router chose none
	 * @throws AccessTokenTooLongException when the claims make the token too long
	 */
	public NegotiateResponse negotiate(ClientTokenRequest request, NegotiateContext context) {
		EndpointSnapshot snapshot = this.registry.snapshot();
		ServiceEndpoint endpoint;
		try {
			endpoint = this.router.negotiateEndpoint(context, snapshot);
			if (endpoint == null) {
				throw new NoAvailableEndpointException("The endpoint router chose no endpoint for hub '" + request.hub()
						+ "'");
			}
		}
		catch (NoAvailableEndpointException ex) {
			this.listener.negotiated(null, NegotiationOutcome.NO_ENDPOINT);
			throw ex;
		}
		NegotiateResponse response;
		try {
			response = this.tokens.negotiate(endpoint, request);
		}
		catch (RuntimeException ex) {
			this.listener.negotiated(endpoint.id(), NegotiationOutcome.ERROR);
			throw ex;
		}
		this.listener.negotiated(endpoint.id(), NegotiationOutcome.SUCCESS);
		return response;
	}

}
