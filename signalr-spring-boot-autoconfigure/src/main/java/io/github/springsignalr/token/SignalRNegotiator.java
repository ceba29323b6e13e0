package io.github.springsignalr.token;

import io.github.springsignalr.endpoint.EndpointAvailability;
import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.EndpointSnapshot;
import io.github.springsignalr.endpoint.NegotiateContext;
import io.github.springsignalr.endpoint.NoAvailableEndpointException;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.endpoint.SignalRListener.NegotiationOutcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Answers a client's negotiate: picks an endpoint with the {@link EndpointRouter} from the registry's current snapshot
 * (as the hub sees it: in default mode, endpoints without a live server connection for the hub are offline) and
 * returns where to connect and the access token to connect with, signed with that endpoint's current key.
 */
public class SignalRNegotiator {

	private static final SignalRNegotiationObservationConvention DEFAULT_OBSERVATION_CONVENTION =
			new DefaultSignalRNegotiationObservationConvention();

	private final ServiceEndpointRegistry registry;

	private final EndpointRouter router;

	private final SignalRTokenService tokens;

	private final SignalRListener listener;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable SignalRNegotiationObservationConvention observationConvention;

	private EndpointAvailability availability = EndpointAvailability.REGISTRY;

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
	 * Observes every negotiation with Micrometer's {@link ObservationRegistry}; none by default.
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * The convention of the observations, in place of {@link DefaultSignalRNegotiationObservationConvention}.
	 */
	public void setObservationConvention(SignalRNegotiationObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Which endpoints can take a hub's clients beyond the registry's verdict: in default mode, those with a live
	 * server connection for the hub; the router sees the others as offline. Every online endpoint by default.
	 */
	public void setEndpointAvailability(EndpointAvailability availability) {
		this.availability = availability;
	}

	/**
	 * @param context what the router sees of the negotiate request
	 * @throws NoAvailableEndpointException when no endpoint is online, or the router chose none
	 * @throws AccessTokenTooLongException when the claims make the token too long
	 */
	public NegotiateResponse negotiate(ClientTokenRequest request, NegotiateContext context) {
		Observation observation = Observation.createNotStarted(this.observationConvention,
				DEFAULT_OBSERVATION_CONVENTION, () -> new SignalRNegotiationObservationContext(request.hub()),
				this.observationRegistry)
			.start();
		SignalRNegotiationObservationContext observed = (observation
			.getContext() instanceof SignalRNegotiationObservationContext negotiation) ? negotiation : null;
		try (Observation.Scope scope = observation.openScope()) {
			return negotiate(request, context, observed);
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private NegotiateResponse negotiate(ClientTokenRequest request, NegotiateContext context,
			SignalRNegotiationObservationContext observed) {
		EndpointSnapshot registered = this.registry.snapshot();
		EndpointSnapshot snapshot = registered.forHub(request.hub(), this.availability);
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
			observed(observed, null, NegotiationOutcome.NO_ENDPOINT);
			if (snapshot != registered && !registered.online().isEmpty()) {
				throw new NoAvailableEndpointException(ex.getMessage() + " (in default mode an endpoint is offline "
						+ "for a hub while the application has no live server connection for it there)");
			}
			throw ex;
		}
		NegotiateResponse response;
		try {
			response = this.tokens.negotiate(endpoint, request);
		}
		catch (RuntimeException ex) {
			this.listener.negotiated(endpoint.id(), NegotiationOutcome.ERROR);
			observed(observed, endpoint, NegotiationOutcome.ERROR);
			throw ex;
		}
		this.listener.negotiated(endpoint.id(), NegotiationOutcome.SUCCESS);
		observed(observed, endpoint, NegotiationOutcome.SUCCESS);
		return response;
	}

	private static void observed(SignalRNegotiationObservationContext context, @Nullable ServiceEndpoint endpoint,
			NegotiationOutcome outcome) {
		if (context != null) {
			context.setEndpoint((endpoint != null) ? endpoint.id() : null);
			context.setOutcome(outcome);
		}
	}

}
