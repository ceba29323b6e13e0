package io.github.springsignalr.token;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.SignalRListener.NegotiationOutcome;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of a client's negotiation knows: the hub asked for, then the endpoint picked and how it ended.
 * It holds neither the user id nor the claims nor the token.
 */
public class SignalRNegotiationObservationContext extends Observation.Context {

	private final String hub;

	private @Nullable EndpointId endpoint;

	private @Nullable NegotiationOutcome outcome;

	public SignalRNegotiationObservationContext(String hub) {
		this.hub = hub;
	}

	/**
	 * The hub, as the client named it.
	 */
	public String getHub() {
		return this.hub;
	}

	/**
	 * The endpoint picked, {@code null} when none was online (or before one was picked).
	 */
	public @Nullable EndpointId getEndpoint() {
		return this.endpoint;
	}

	/**
	 * How it ended, as the {@code signalr.negotiations} meter counts it; {@code null} before it ended.
	 */
	public NegotiationOutcome getOutcome() {
		return this.outcome;
	}

	void setEndpoint(@Nullable EndpointId endpoint) {
		this.endpoint = endpoint;
	}

	void setOutcome(NegotiationOutcome outcome) {
		this.outcome = outcome;
	}

}
