package io.github.springsignalr.rest;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and key values of the observations of REST calls; a bean of this type replaces
 * {@link DefaultSignalRRestObservationConvention}.
 */
public interface SignalRRestObservationConvention extends ObservationConvention<SignalRRestObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SignalRRestObservationContext;
	}

}
