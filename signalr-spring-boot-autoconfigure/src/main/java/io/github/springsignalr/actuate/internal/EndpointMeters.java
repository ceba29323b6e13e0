package io.github.springsignalr.actuate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener.KeyRefreshFailure;
import io.github.springsignalr.endpoint.SignalRListener.NegotiationOutcome;
import io.github.springsignalr.endpoint.SignalRListener.RestCallOutcome;
import io.github.springsignalr.endpoint.SignalRListener.TokenKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Every meter of one endpoint, registered together when the endpoint appears (so that each series exists, at zero,
 * before its first event) and held in arrays indexed by the outcome's ordinal, so that counting an event costs an
 * array read and an increment, never a registry look-up.
 */
final class EndpointMeters {

	private final Counter[] tokens;

	private final Counter[] negotiations;

	private final Timer[] restCalls;

	private final Counter[] restRetries;

	private final Counter[] refreshFailures;

	private final List<Meter> all = new ArrayList<>();

	EndpointMeters(MeterRegistry meterRegistry, ServiceEndpointRegistry endpoints, EndpointId id) {
		Tags tags = Tags.of(SignalRMeters.ENDPOINT_TAG, EndpointNames.of(id));
		this.tokens = new Counter[TokenKind.values().length];
		for (TokenKind kind : TokenKind.values()) {
			this.tokens[kind.ordinal()] = register(Counter.builder(SignalRMeters.TOKENS_ISSUED)
				.description("Tokens signed with the endpoint's key")
				.tags(tags)
				.tag("kind", tagValue(kind))
				.register(meterRegistry));
		}
		this.negotiations = new Counter[NegotiationOutcome.values().length];
		for (NegotiationOutcome outcome : NegotiationOutcome.values()) {
			// Without an endpoint online, a negotiation has none: those are counted under endpoint "none".
			if (outcome != NegotiationOutcome.NO_ENDPOINT) {
				this.negotiations[outcome.ordinal()] = register(negotiations(meterRegistry, tags, outcome));
			}
		}
		this.restCalls = new Timer[RestCallOutcome.values().length];
		for (RestCallOutcome outcome : RestCallOutcome.values()) {
			this.restCalls[outcome.ordinal()] = register(Timer.builder(SignalRMeters.REST_CALLS)
				.description("Calls to the endpoint's REST API, by how they ended")
				.tags(tags)
				.tag("outcome", tagValue(outcome))
				.register(meterRegistry));
		}
		this.restRetries = new Counter[RestCallOutcome.values().length];
		for (RestCallOutcome outcome : RestCallOutcome.values()) {
			this.restRetries[outcome.ordinal()] = register(Counter.builder(SignalRMeters.REST_RETRIES)
				.description("Retries of calls to the endpoint's REST API, by how the try before ended")
				.tags(tags)
				.tag("outcome", tagValue(outcome))
				.register(meterRegistry));
		}
		this.refreshFailures = new Counter[KeyRefreshFailure.values().length];
		for (KeyRefreshFailure reason : KeyRefreshFailure.values()) {
			this.refreshFailures[reason.ordinal()] = register(Counter.builder(SignalRMeters.KEY_REFRESH_FAILURES)
				.description("Failed refreshes of the endpoint's key from where it is followed (Key Vault)")
				.tags(tags)
				.tag("reason", tagValue(reason))
				.register(meterRegistry));
		}
		register(Gauge.builder(SignalRMeters.ENDPOINT_ONLINE, endpoints, (registry) -> online(registry, id))
			.description("Whether the endpoint is online (1), or offline after failed health checks or without key (0)")
			.tags(tags)
			.register(meterRegistry));
	}

	private static double online(ServiceEndpointRegistry registry, EndpointId id) {
		return registry.find(id).map((endpoint) -> endpoint.online() ? 1.0 : 0.0).orElse(Double.NaN);
	}

	static Counter negotiations(MeterRegistry meterRegistry, Tags tags, NegotiationOutcome outcome) {
		return Counter.builder(SignalRMeters.NEGOTIATIONS)
			.description("Client negotiations, by the endpoint they were sent to and how they ended")
			.tags(tags)
			.tag("outcome", tagValue(outcome))
			.register(meterRegistry);
	}

	void tokenIssued(TokenKind kind) {
		this.tokens[kind.ordinal()].increment();
	}

	void negotiated(NegotiationOutcome outcome) {
		this.negotiations[outcome.ordinal()].increment();
	}

	Timer restCalls(RestCallOutcome outcome) {
		return this.restCalls[outcome.ordinal()];
	}

	void restRetried(RestCallOutcome outcome) {
		this.restRetries[outcome.ordinal()].increment();
	}

	void keyRefreshFailed(KeyRefreshFailure reason) {
		this.refreshFailures[reason.ordinal()].increment();
	}

	/**
	 * Removes every meter of the endpoint from the registry, for an endpoint that is gone.
	 */
	void remove(MeterRegistry meterRegistry) {
		this.all.forEach(meterRegistry::remove);
	}

	private <M extends Meter> M register(M meter) {
		this.all.add(meter);
		return meter;
	}

	/**
	 * An enum constant as a tag value: lower case ({@code client_error}).
	 */
	static String tagValue(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
