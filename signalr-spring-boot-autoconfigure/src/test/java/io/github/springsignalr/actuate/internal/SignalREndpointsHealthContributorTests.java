package io.github.springsignalr.actuate.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.github.springsignalr.actuate.KeyRefreshStatus;
import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class SignalREndpointsHealthContributorTests {

	static final String EAST_KEY = "ZWFzdC10ZXN0LW9ubHkta2V5LW5vdC1hLXJlYWwtc2U=";

	static final String WEST_KEY = "d2VzdC10ZXN0LW9ubHkta2V5LW5vdC1hLXJlYWwtc2U=";

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final ServiceEndpointRegistry registry = new ServiceEndpointRegistry(List.of(
			ServiceEndpoint.of("east", EndpointType.PRIMARY,
					"Endpoint=https://east.service.signalr.net;AccessKey=" + EAST_KEY + ";Version=1.0;"),
			ServiceEndpoint.of("west", EndpointType.SECONDARY,
					"Endpoint=https://west.service.signalr.net;AccessKey=" + WEST_KEY + ";Version=1.0;")),
			null, this.clock);

	private final KeyRotationStatus rotation = new KeyRotationStatus(this.registry, Duration.ofHours(1),
			Clock.fixed(NOW.minusSeconds(90), ZoneOffset.UTC));

	@Test
	void everyEndpointOnlineIsUp() {
		SignalREndpointsHealthContributor contributor = contributor(KeyRefreshStatusSource.NONE);
		assertThat(contributor.stream().map(HealthContributors.Entry::name)).containsExactly("east-primary",
				"west-secondary");
		Health east = health(contributor, "east-primary");
		assertThat(east.getStatus()).isEqualTo(Status.UP);
		assertThat(east.getDetails()).containsEntry("online", true)
			.containsEntry("type", "primary")
			.containsEntry("endpoint", "https://east.service.signalr.net")
			.containsEntry("keyId", this.registry.endpoints().get(0).accessKey().id())
			.containsEntry("keyAge", "PT1M30S")
			.doesNotContainKey("lastRefresh");
		assertThat(health(contributor, "west-secondary").getStatus()).isEqualTo(Status.UP);
		assertNoSecret(contributor);
	}

	@Test
	void anEndpointTakenOfflineIsDownAndTheOtherStaysUp() {
		this.registry.update(new EndpointId("west", EndpointType.SECONDARY), (endpoint) -> endpoint.withOnline(false));
		SignalREndpointsHealthContributor contributor = contributor(KeyRefreshStatusSource.NONE);
		assertThat(health(contributor, "east-primary").getStatus()).isEqualTo(Status.UP);
		Health west = health(contributor, "west-secondary");
		assertThat(west.getStatus()).isEqualTo(Status.DOWN);
		assertThat(west.getDetails()).containsEntry("online", false);
	}

	@Test
	void anEndpointWithoutKeyIsDown() {
		this.registry.update(new EndpointId("east", EndpointType.PRIMARY), (endpoint) -> endpoint.withAccessKey(null));
		Health east = health(contributor(KeyRefreshStatusSource.NONE), "east-primary");
		assertThat(east.getStatus()).isEqualTo(Status.DOWN);
		assertThat(east.getDetails()).containsEntry("keyId", "none").containsEntry("reason", "no valid key");
	}

	@Test
	void aStaleVaultIsShownWithoutTakingTheEndpointDown() {
		KeyRefreshStatus stale = new KeyRefreshStatus("https://vault.vault.azure.net/secrets/east", "v1",
				NOW.minusSeconds(600), "Key Vault unreachable: ConnectException", NOW.minusSeconds(5),
				Duration.ofMinutes(10), true);
		SignalREndpointsHealthContributor contributor = contributor(
				(id) -> id.name().equals("east") ? Optional.of(stale) : Optional.empty());
		Health east = health(contributor, "east-primary");
		assertThat(east.getStatus()).isEqualTo(Status.UP);
		assertThat(east.getDetails()).containsEntry("stale", true)
			.containsEntry("keySource", "https://vault.vault.azure.net/secrets/east")
			.containsEntry("lastRefresh", NOW.minusSeconds(600).toString())
			.containsEntry("lastError", "Key Vault unreachable: ConnectException");
		assertThat(health(contributor, "west-secondary").getDetails()).doesNotContainKey("stale");
		assertNoSecret(contributor);
	}

	@Test
	void endpointsAddedLaterShowUpAndRemovedOnesGo() {
		SignalREndpointsHealthContributor contributor = contributor(KeyRefreshStatusSource.NONE);
		this.registry.update((endpoints) -> List.of(endpoints.get(0)));
		assertThat(contributor.stream().map(HealthContributors.Entry::name)).containsExactly("east-primary");
		assertThat(contributor.getContributor("west-secondary")).isNull();
	}

	@Test
	void theUnnamedEndpointIsNamedByItsType() {
		assertThat(SignalREndpointsHealthContributor.componentName(new EndpointId("", EndpointType.PRIMARY)))
			.isEqualTo("primary");
	}

	@Test
	void inDefaultModeAnEndpointWithoutALiveServerConnectionForSomeHubIsDownWithTheCounts() {
		Map<EndpointId, Map<String, Integer>> counts = Map.of(new EndpointId("east", EndpointType.PRIMARY),
				Map.of("chat", 5, "admin", 5), new EndpointId("west", EndpointType.SECONDARY),
				new TreeMap<>(Map.of("chat", 0, "admin", 2)));
		SignalREndpointsHealthContributor contributor = new SignalREndpointsHealthContributor(this.registry,
				this.rotation, KeyRefreshStatusSource.NONE, this.clock, counts::get);
		Health east = health(contributor, "east-primary");
		assertThat(east.getStatus()).isEqualTo(Status.UP);
		assertThat(east.getDetails()).containsEntry("serverConnections", Map.of("chat", 5, "admin", 5))
			.doesNotContainKey("reason");
		Health west = health(contributor, "west-secondary");
		assertThat(west.getStatus()).isEqualTo(Status.DOWN);
		assertThat(west.getDetails()).containsEntry("serverConnections", Map.of("chat", 0, "admin", 2))
			.containsEntry("reason", "no live server connection for hub chat")
			.containsEntry("online", true);
		assertNoSecret(contributor);
	}

	@Test
	void inServerlessModeThereAreNoServerConnectionDetails() {
		Health east = health(contributor(KeyRefreshStatusSource.NONE), "east-primary");
		assertThat(east.getDetails()).doesNotContainKey("serverConnections");
	}

	private SignalREndpointsHealthContributor contributor(KeyRefreshStatusSource refresh) {
		return new SignalREndpointsHealthContributor(this.registry, this.rotation, refresh, this.clock);
	}

	private static Health health(SignalREndpointsHealthContributor contributor, String name) {
		return ((HealthIndicator) contributor.getContributor(name)).health();
	}

	private static void assertNoSecret(SignalREndpointsHealthContributor contributor) {
		contributor.stream().forEach((entry) -> {
			String text = ((HealthIndicator) entry.contributor()).health().toString();
			assertThat(text).doesNotContain(EAST_KEY, WEST_KEY).doesNotContainPattern("[A-Za-z0-9+/]{43}=");
		});
	}

}
