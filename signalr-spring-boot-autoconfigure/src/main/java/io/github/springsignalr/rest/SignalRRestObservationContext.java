package io.github.springsignalr.rest;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.SignalRListener.RestCallOutcome;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one REST call to one endpoint knows: the endpoint, the operation (a name such as
 * {@code send_to_user}, never the user, group or connection it names), the HTTP method and the hub; once it has
 * ended, the status and the outcome. It holds no URI, header or body: those carry user ids, group names and the
 * bearer token.
 */
public class SignalRRestObservationContext extends Observation.Context {

	private final EndpointId endpoint;

	private final String operation;

	private final String method;

	private final String hub;

	private int status;

	private @Nullable RestCallOutcome outcome;

	public SignalRRestObservationContext(EndpointId endpoint, String operation, String method, String hub) {
		this.endpoint = endpoint;
		this.operation = operation;
		this.method = method;
		this.hub = hub;
	}

	public EndpointId getEndpoint() {
		return this.endpoint;
	}

	/**
	 * The REST API operation, for example {@code send_to_all} or {@code add_user_to_group}.
	 */
	public String getOperation() {
		return this.operation;
	}

	public String getMethod() {
		return this.method;
	}

	/**
	 * The hub, lower-cased, as it is in the request's path.
	 */
	public String getHub() {
		return this.hub;
	}

	/**
	 * The status the endpoint answered, 0 without an answer (or before it).
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * How the call ended, as the {@code signalr.rest.calls} meter counts it; {@code null} before it ended.
	 */
	public RestCallOutcome getOutcome() {
		return this.outcome;
	}

	void setResult(int status, RestCallOutcome outcome) {
		this.status = status;
		this.outcome = outcome;
	}

}
