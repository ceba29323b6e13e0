package io.github.springsignalr.rest;

import java.util.Locale;

import io.github.springsignalr.endpoint.EndpointId;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Observations named {@value #NAME}, one per call to one endpoint (a retry is another), in the manner of Spring's
 * {@code DefaultClientRequestObservationConvention}. Low-cardinality keys: {@code endpoint} ({@code east-primary}, as
 * the meters and health name it), {@code operation} ({@code send_to_user}, …), {@code method}, {@code status}
 * ({@code 202}, or {@code none} without an answer) and {@code outcome} ({@code success}, {@code not_found},
 * {@code unauthorized}, {@code client_error}, {@code server_error}, {@code io_error}, {@code throttled}). High
 * cardinality: {@code hub}, which an application chooses but may make per tenant. No key holds a URI, a user id, a
 * group, a connection id or a token.
 */
public class DefaultSignalRRestObservationConvention implements SignalRRestObservationConvention {

	/** The observations' name; not {@code signalr.rest.calls}, the meter the starter keeps beside them. */
	public static final String NAME = "signalr.rest.requests";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SignalRRestObservationContext context) {
		return "signalr " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SignalRRestObservationContext context) {
		return KeyValues.of(KeyValue.of("endpoint", endpointName(context.getEndpoint())),
				KeyValue.of("operation", context.getOperation()), KeyValue.of("method", context.getMethod()),
				KeyValue.of("status", (context.getStatus() > 0) ? Integer.toString(context.getStatus()) : "none"),
				KeyValue.of("outcome", (context.getOutcome() != null)
						? context.getOutcome().name().toLowerCase(Locale.ROOT) : "unknown"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SignalRRestObservationContext context) {
		return KeyValues.of(KeyValue.of("hub", context.getHub()));
	}

	/** As the meters and health name an endpoint: {@code east-primary}, {@code primary} when unnamed. */
	static String endpointName(EndpointId id) {
		return id.name().isEmpty() ? id.type().text() : id.name() + "-" + id.type().text();
	}

}
