package io.github.springsignalr.token;

import java.util.Locale;

import io.github.springsignalr.endpoint.EndpointId;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Observations named {@value #NAME}, one per negotiation. Low-cardinality keys: {@code endpoint} ({@code east-primary},
 * {@code none} when no endpoint was online), {@code operation} ({@code negotiate}) and {@code outcome}
 * ({@code success}, {@code no_endpoint}, {@code error}). High cardinality: {@code hub}, which the client chooses (a
 * low-cardinality key of it would let any client add series). The user id, claims and token are never key values.
 */
public class DefaultSignalRNegotiationObservationConvention implements SignalRNegotiationObservationConvention {

	/** The observations' name; not {@code signalr.negotiations}, the counter the starter keeps beside them. */
	public static final String NAME = "signalr.negotiate";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SignalRNegotiationObservationContext context) {
		return "signalr negotiate";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SignalRNegotiationObservationContext context) {
		EndpointId endpoint = context.getEndpoint();
		String name = (endpoint == null) ? "none"
				: endpoint.name().isEmpty() ? endpoint.type().text() : endpoint.name() + "-" + endpoint.type().text();
		return KeyValues.of(KeyValue.of("endpoint", name), KeyValue.of("operation", "negotiate"),
				KeyValue.of("outcome", (context.getOutcome() != null)
						? context.getOutcome().name().toLowerCase(Locale.ROOT) : "unknown"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SignalRNegotiationObservationContext context) {
		return KeyValues.of(KeyValue.of("hub", context.getHub()));
	}

}
