package io.github.springsignalr.upstream;

import java.util.Locale;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Observations named {@value #NAME}, one per upstream event dispatched. Low-cardinality keys: {@code category}
 * ({@code connections}, {@code messages}, {@code unknown}), {@code event} ({@code connected}, {@code disconnected},
 * the target of the {@code @SignalRMessage} method, {@code unknown} when none is for it), {@code operation}
 * ({@code connected}, {@code disconnected}, {@code invoke}) and {@code outcome} ({@code success}, {@code hub_error},
 * {@code no_method}, {@code invalid_arguments}, {@code timeout}, {@code error}, {@code bad_request}). High cardinality:
 * {@code hub}. The connection id, user id, claims and arguments are never key values.
 */
public class DefaultSignalRUpstreamObservationConvention implements SignalRUpstreamObservationConvention {

	/** The observations' name. */
	public static final String NAME = "signalr.upstream.events";

	private static final String UNKNOWN = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SignalRUpstreamObservationContext context) {
		return "signalr upstream " + ((context.getEvent() != null) ? context.getEvent() : UNKNOWN);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SignalRUpstreamObservationContext context) {
		String category = (context.getCategory() != null) ? context.getCategory() : UNKNOWN;
		String event = (context.getEvent() != null) ? context.getEvent() : UNKNOWN;
		String operation = UpstreamEventDispatcher.MESSAGES.equals(category) ? "invoke" : event;
		return KeyValues.of(KeyValue.of("category", category), KeyValue.of("event", event),
				KeyValue.of("operation", operation), KeyValue.of("outcome", (context.getOutcome() != null)
						? context.getOutcome().name().toLowerCase(Locale.ROOT) : UNKNOWN));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SignalRUpstreamObservationContext context) {
		return KeyValues.of(KeyValue.of("hub", context.getHub()));
	}

}
