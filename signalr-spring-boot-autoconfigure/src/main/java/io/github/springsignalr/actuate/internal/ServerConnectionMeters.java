package io.github.springsignalr.actuate.internal;

import java.util.List;
import java.util.Map;

import io.github.springsignalr.actuate.ServerConnectionCounts;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.SignalRListener.ServerConnectionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of one hub's server connections to one endpoint in default mode, registered together on the first
 * event of that pair: the connected count (read from {@link ServerConnectionCounts} when scraped), and counters of
 * reconnects, drops and failed attempts.
 */
final class ServerConnectionMeters {

	private final Counter reconnects;

	private final Counter drops;

	private final Counter failures;

	private final List<Meter> all;

	ServerConnectionMeters(MeterRegistry meterRegistry, ServerConnectionCounts counts, EndpointId endpoint,
			String hub) {
		Tags tags = Tags.of(SignalRMeters.ENDPOINT_TAG, EndpointNames.of(endpoint), SignalRMeters.HUB_TAG, hub);
		Gauge connections = Gauge
			.builder(SignalRMeters.SERVER_CONNECTIONS, counts, (source) -> count(source, endpoint, hub))
			.description("Connected server connections of the hub to the endpoint, in default mode")
			.tags(tags)
			.strongReference(true)
			.register(meterRegistry);
		this.reconnects = Counter.builder(SignalRMeters.SERVER_CONNECTION_RECONNECTS)
			.description("Server connections re-established in place of one that was lost or failed")
			.tags(tags)
			.register(meterRegistry);
		this.drops = Counter.builder(SignalRMeters.SERVER_CONNECTION_DROPS)
			.description("Connected server connections lost (their clients with them), not closed by the application")
			.tags(tags)
			.register(meterRegistry);
		this.failures = Counter.builder(SignalRMeters.SERVER_CONNECTION_FAILURES)
			.description("Failed attempts to open a server connection (refused, no handshake in time, no key)")
			.tags(tags)
			.register(meterRegistry);
		this.all = List.of(connections, this.reconnects, this.drops, this.failures);
	}

	private static double count(ServerConnectionCounts counts, EndpointId endpoint, String hub) {
		Map<String, Integer> byHub = counts.of(endpoint);
		Integer count = (byHub != null) ? byHub.get(hub) : null;
		return (count != null) ? count : 0;
	}

	void record(ServerConnectionEvent event) {
		switch (event) {
			case RECONNECTED -> this.reconnects.increment();
			case DROPPED -> this.drops.increment();
			case FAILED -> this.failures.increment();
			case CONNECTED -> {
			}
		}
	}

	void remove(MeterRegistry meterRegistry) {
		this.all.forEach(meterRegistry::remove);
	}

}
