package io.github.springsignalr.upstream;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one upstream event knows: its hub, category and event, and how its dispatch ended. The
 * event of an invocation is the target of the method it is for, or {@code null} when there is none, so that a client
 * invoking made-up names adds no key value; the connection id, user id, claims and arguments are left out.
 */
public class SignalRUpstreamObservationContext extends Observation.Context {

	private final String hub;

	private final @Nullable String category;

	private final @Nullable String event;

	private @Nullable Outcome outcome;

	/**
	 * @param event {@code connected}, {@code disconnected}, the target of the method an invocation is for, or
	 * {@code null} for an event nothing handles
	 */
	public SignalRUpstreamObservationContext(String hub, @Nullable String category, @Nullable String event) {
		this.hub = hub;
		this.category = category;
		this.event = event;
	}

	public String getHub() {
		return this.hub;
	}

	/**
	 * {@code connections} or {@code messages}, or {@code null} for another category.
	 */
	public @Nullable String getCategory() {
		return this.category;
	}

	public @Nullable String getEvent() {
		return this.event;
	}

	/**
	 * How the dispatch ended; {@code null} before it ended.
	 */
	public Outcome getOutcome() {
		return this.outcome;
	}

	void setOutcome(Outcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * How the dispatch of an event ended.
	 */
	public enum Outcome {

		/** The methods ran; an invocation's result went back to the client. */
		SUCCESS,

		/** The method threw a {@link SignalRHubException}: its message went to the client. */
		HUB_ERROR,

		/** No {@link SignalRMessage} method for the invocation's target. */
		NO_METHOD,

		/** The invocation's arguments did not fit the method's parameters. */
		INVALID_ARGUMENTS,

		/** The method's result did not complete within the invocation timeout. */
		TIMEOUT,

		/** A method failed otherwise. */
		ERROR,

		/** Not an event the service sends: answered 400. */
		BAD_REQUEST

	}

}
