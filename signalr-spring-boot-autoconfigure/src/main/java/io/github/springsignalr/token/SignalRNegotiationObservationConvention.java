package io.github.springsignalr.token;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name and key values of the observations of negotiations; a bean of this type replaces
 * {@link DefaultSignalRNegotiationObservationConvention}.
 */
public interface SignalRNegotiationObservationConvention
		extends ObservationConvention<SignalRNegotiationObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SignalRNegotiationObservationContext;
	}

}
