package io.github.springsignalr.upstream;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name and key values of the observations of upstream events; a bean of this type replaces
 * {@link DefaultSignalRUpstreamObservationConvention}.
 */
public interface SignalRUpstreamObservationConvention extends ObservationConvention<SignalRUpstreamObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SignalRUpstreamObservationContext;
	}

}
