package io.github.springsignalr.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.springsignalr.actuate.SignalREndpoint.EndpointDescriptor;
import io.github.springsignalr.actuate.SignalREndpoint.KeyDescriptor;
import io.github.springsignalr.connectionstring.ConnectionString;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.AccessKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code signalr} endpoint before and after a rotation, and its JSON as the actuator writes it (nulls left out
 * by default): absent values still written, no key in it.
 */
class SignalREndpointTests {

	private static final String OLD_KEY = "b2xkLWtleS10ZXN0LW9ubHktbm90LWEtcmVhbC1zZWM=";

	private static final String NEW_KEY = "bmV3LWtleS10ZXN0LW9ubHktbm90LWEtcmVhbC1zZWM=";

	private static final EndpointId EAST = new EndpointId("east", EndpointType.PRIMARY);

	private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

	private static final Instant SWITCH = START.plusSeconds(600);

	// The actuator's own mapper leaves nulls and null map values out; the endpoint's answer must not rely on it.
	private static final JsonMapper ACTUATOR_MAPPER = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL)
			.withContentInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private final ServiceEndpointRegistry registry = new ServiceEndpointRegistry(
			List.of(ServiceEndpoint.of("east", EndpointType.PRIMARY, connectionString(OLD_KEY))), null,
			Clock.fixed(SWITCH, ZoneOffset.UTC));

	private final KeyRotationStatus rotation = new KeyRotationStatus(this.registry, Duration.ofHours(1),
			Clock.fixed(START, ZoneOffset.UTC));

	@Test
	void beforeAnyRotationThereIsNoPreviousKeyAndTheJsonSaysSo() {
		EndpointDescriptor east = endpoint(SWITCH).signalr().endpoints().get(0);
		assertThat(east.name()).isEqualTo("east");
		assertThat(east.type()).isEqualTo("primary");
		assertThat(east.authType()).isEqualTo("accesskey");
		assertThat(east.clientEndpoint()).isEqualTo("https://client.east.example");
		assertThat(east.serverEndpoint()).isEqualTo("https://east.service.signalr.net");
		assertThat(east.key()).isEqualTo(new KeyDescriptor(AccessKey.of(OLD_KEY).id(), START, null, null, null, null));
		Map<String, Object> json = json(endpoint(SWITCH));
		assertThat(key(json)).containsEntry("previousId", null)
			.containsEntry("previousSafeToRegenerateAt", null)
			.containsEntry("previousSafeToRegenerate", null)
			.containsEntry("staged", null);
		assertThat(endpoints(json).get(0)).containsEntry("lastRefresh", null);
	}

	@Test
	void afterARotationThePreviousKeyIsSafeToRegenerateOnceItsLastTokenHasExpired() {
		this.registry.update(EAST, (endpoint) -> endpoint.withConnectionString(ConnectionString.parse(
				connectionString(NEW_KEY))))
			.ifPresent(this.rotation::onEndpointsChanged);
		this.rotation.stage(EAST, "https://vault.vault.azure.net/secrets/east/v3", SWITCH.plusSeconds(86400));

		KeyDescriptor during = endpoint(SWITCH.plusSeconds(60)).signalr().endpoints().get(0).key();
		assertThat(during.id()).isEqualTo(AccessKey.of(NEW_KEY).id());
		assertThat(during.since()).isEqualTo(SWITCH);
		assertThat(during.previousId()).isEqualTo(AccessKey.of(OLD_KEY).id());
		assertThat(during.previousSafeToRegenerateAt()).isEqualTo(SWITCH.plus(Duration.ofHours(1)));
		assertThat(during.previousSafeToRegenerate()).isFalse();
		assertThat(during.staged().activatesAt()).isEqualTo(SWITCH.plusSeconds(86400));

		KeyDescriptor after = endpoint(SWITCH.plus(Duration.ofHours(1))).signalr().endpoints().get(0).key();
		assertThat(after.previousSafeToRegenerate()).isTrue();

		Map<String, Object> json = json(endpoint(SWITCH.plusSeconds(60)));
		assertThat(key(json)).containsEntry("previousId", AccessKey.of(OLD_KEY).id())
			.containsEntry("previousSafeToRegenerate", false)
			.containsEntry("previousSafeToRegenerateAt", SWITCH.plus(Duration.ofHours(1)).toString());
		String text = ACTUATOR_MAPPER.writeValueAsString(endpoint(SWITCH.plusSeconds(60)).signalr());
		assertThat(text).doesNotContain(OLD_KEY, NEW_KEY).doesNotContainPattern("[A-Za-z0-9+/]{43}=");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aKeyFollowedInKeyVaultShowsItsLastRefresh() {
		KeyRefreshStatus refresh = new KeyRefreshStatus("https://vault.vault.azure.net/secrets/east", "v2", START,
				null, null, Duration.ofMinutes(10), false);
		SignalREndpoint endpoint = new SignalREndpoint(this.registry, this.rotation, (id) -> Optional.of(refresh),
				Clock.fixed(SWITCH, ZoneOffset.UTC));
		Map<String, Object> lastRefresh = (Map<String, Object>) endpoints(json(endpoint)).get(0).get("lastRefresh");
		assertThat(lastRefresh).containsEntry("source", "https://vault.vault.azure.net/secrets/east")
			.containsEntry("version", "v2")
			.containsEntry("lastRefresh", START.toString())
			.containsEntry("lastError", null)
			.containsEntry("lastErrorAt", null)
			.containsEntry("staleness", "PT10M")
			.containsEntry("stale", false);
	}

	private SignalREndpoint endpoint(Instant now) {
		return new SignalREndpoint(this.registry, this.rotation, KeyRefreshStatusSource.NONE,
				Clock.fixed(now, ZoneOffset.UTC));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(SignalREndpoint endpoint) {
		return ACTUATOR_MAPPER.readValue(ACTUATOR_MAPPER.writeValueAsString(endpoint.signalr()), Map.class);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> endpoints(Map<String, Object> json) {
		return (List<Map<String, Object>>) json.get("endpoints");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> key(Map<String, Object> json) {
		return (Map<String, Object>) endpoints(json).get(0).get("key");
	}

	private static String connectionString(String key) {
		return "Endpoint=https://east.service.signalr.net;AccessKey=" + key
				+ ";ClientEndpoint=https://client.east.example;Version=1.0;";
	}

}
