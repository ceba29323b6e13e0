package io.github.springsignalr.upstream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.springsignalr.testsupport.MovableClock;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.ServiceEndpointsChangedEvent;
import io.github.springsignalr.endpoint.AccessKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LiveAccessKeys}, fed by a real registry's change events, on a clock the test moves.
 */
class LiveAccessKeysTests {

	private static final String KEY_1 = "a2V5LW9uZS1mb3ItbGl2ZS1hY2Nlc3Mta2V5cy10ZXN0czA=";

	private static final String KEY_2 = "a2V5LXR3by1mb3ItbGl2ZS1hY2Nlc3Mta2V5cy10ZXN0czA=";

	private static final String KEY_3 = "a2V5LXRocmVlLWZvci1saXZlLWFjY2Vzcy1rZXlzLXRlc3Q=";

	private static final Duration GRACE = Duration.ofMinutes(60);

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));

	private final List<ServiceEndpointsChangedEvent> events = new ArrayList<>();

	private final ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
			List.of(ServiceEndpoint.of("east", EndpointType.PRIMARY, connectionString("east", KEY_1))),
			(event) -> this.events.add((ServiceEndpointsChangedEvent) event), this.clock);

	private final LiveAccessKeys keys = new LiveAccessKeys(this.registry, GRACE, this.clock);

	private final EndpointId east = new EndpointId("east", EndpointType.PRIMARY);

	@Test
	void currentKeysOfEveryEndpointAreLive() {
		this.registry.update((endpoints) -> {
			endpoints.add(ServiceEndpoint.of("west", EndpointType.SECONDARY, connectionString("west", KEY_2)));
			return endpoints;
		});
		feed();
		assertThat(this.keys.keys()).containsExactly(AccessKey.of(KEY_1), AccessKey.of(KEY_2));
	}

	@Test
	void aReplacedKeyStaysLiveUntilItsGraceEnds() {
		switchTo(KEY_2);
		assertThat(this.keys.keys()).containsExactly(AccessKey.of(KEY_2), AccessKey.of(KEY_1));
		this.clock.advance(GRACE.minusSeconds(1));
		assertThat(this.keys.keys()).contains(AccessKey.of(KEY_1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.keys.keys()).containsExactly(AccessKey.of(KEY_2));
	}

	@Test
	void twoSwitchesWithinTheGraceKeepBothOldKeys() {
		switchTo(KEY_2);
		this.clock.advance(Duration.ofMinutes(10));
		switchTo(KEY_3);
		assertThat(this.keys.keys()).containsExactly(AccessKey.of(KEY_3), AccessKey.of(KEY_1), AccessKey.of(KEY_2));
		this.clock.advance(GRACE.minusMinutes(5));
		assertThat(this.keys.keys()).containsExactly(AccessKey.of(KEY_3), AccessKey.of(KEY_2));
	}

	@Test
	void theKeyOfARemovedEndpointStaysLiveWithinTheGrace() {
		this.registry.update((endpoints) -> new ArrayList<>());
		feed();
		assertThat(this.keys.keys()).containsExactly(AccessKey.of(KEY_1));
		this.clock.advance(GRACE);
		assertThat(this.keys.keys()).isEmpty();
	}

	@Test
	void anOnlineChangeRetiresNothing() {
		this.registry.update(this.east, (endpoint) -> endpoint.withOnline(false));
		feed();
		assertThat(this.keys.keys()).containsExactly(AccessKey.of(KEY_1));
		assertThat(this.keys.toString()).contains(AccessKey.of(KEY_1).id()).doesNotContain(KEY_1);
	}

	@Test
	void showsKeyIdsOnly() {
		switchTo(KEY_2);
		assertThat(this.keys.toString()).contains(AccessKey.of(KEY_1).id(), AccessKey.of(KEY_2).id())
			.doesNotContain(KEY_1)
			.doesNotContain(KEY_2);
	}

	private void switchTo(String key) {
		this.registry.update(this.east,
				(endpoint) -> endpoint.withConnectionString(ConnectionString.parse(connectionString("east", key))));
		feed();
	}

	private void feed() {
		this.events.forEach(this.keys::onEndpointsChanged);
		this.events.clear();
	}

	private static String connectionString(String name, String key) {
		return "Endpoint=https://" + name + ".service.signalr.net;AccessKey=" + key + ";Version=1.0;";
	}

}
