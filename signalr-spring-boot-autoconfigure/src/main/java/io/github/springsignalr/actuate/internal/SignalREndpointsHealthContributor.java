package io.github.springsignalr.actuate.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.springsignalr.actuate.KeyRefreshStatusSource;
import io.github.springsignalr.actuate.ServerConnectionCounts;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.KeyRotationStatus;
import io.github.springsignalr.endpoint.KeyRotationStatus.EndpointKeyStatus;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the application's SignalR endpoints, one component per endpoint, read from the registry at each call so
 * that endpoints added or removed at run time show up: {@code UP} when the endpoint is online, {@code DOWN} when the
 * health checks took it offline or it has no key to sign with. Details name the key by its id, its age, and for a
 * followed key (Key Vault) the last refresh, the last error and whether it is stale — never a secret.
 * <p>
 * In default mode the details hold the endpoint's connected server connections per hub
 * ({@code serverConnections}), and an endpoint is {@code DOWN} while a hub has none to it: negotiation sends that
 * hub's clients elsewhere and its messages skip the endpoint (the server connections are re-established with a
 * back-off meanwhile).
 * <p>
 * A stale key stays {@code UP}: the endpoint still works with the last good key (as the rotation rules want), and a
 * probe failing on it would restart instances that work. Alert on {@code stale} or the refresh-failure meter instead.
 * <p>
 * Components are named {@code name-type} ({@code east-primary}), the unnamed endpoint {@code primary}.
 */
public class SignalREndpointsHealthContributor implements CompositeHealthContributor {

	private final ServiceEndpointRegistry registry;

	private final @Nullable KeyRotationStatus rotationStatus;

	private final KeyRefreshStatusSource refreshStatus;

	private final Clock clock;

	private final ServerConnectionCounts serverConnections;

	/**
	 * @param rotationStatus the keys' history, or {@code null}
	 * @param refreshStatus how followed keys were refreshed
	 */
	public SignalREndpointsHealthContributor(ServiceEndpointRegistry registry, KeyRotationStatus rotationStatus,
			KeyRefreshStatusSource refreshStatus, Clock clock) {
		this(registry, rotationStatus, refreshStatus, clock, ServerConnectionCounts.NONE);
	}

	/**
	 * @param rotationStatus the keys' history, or {@code null}
	 * @param refreshStatus how followed keys were refreshed
	 * @param serverConnections the connected server connections of default mode per endpoint and hub
	 */
	public SignalREndpointsHealthContributor(ServiceEndpointRegistry registry, KeyRotationStatus rotationStatus,
			KeyRefreshStatusSource refreshStatus, Clock clock, ServerConnectionCounts serverConnections) {
		this.registry = registry;
		this.rotationStatus = rotationStatus;
		this.refreshStatus = refreshStatus;
		this.clock = clock;
		this.serverConnections = serverConnections;
	}

	/**
	 * The component name of an endpoint, as {@link EndpointNames} writes it.
	 */
	public static String componentName(EndpointId id) {
		return EndpointNames.of(id);
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.registry.endpoints()
			.stream()
			.filter((endpoint) -> componentName(endpoint.id()).equals(name))
			.findFirst()
			.map((endpoint) -> indicator(endpoint.id()))
			.orElse(null);
	}

	@Override
	public Stream<HealthContributors.Entry> stream() {
		return this.registry.endpoints()
			.stream()
			.map((endpoint) -> new HealthContributors.Entry(componentName(endpoint.id()), indicator(endpoint.id())));
	}

	private HealthIndicator indicator(EndpointId id) {
		// Looked up again when asked: the registry may have swapped the endpoint since the contributor was listed.
		return () -> this.registry.find(id).map(this::health).orElseGet(() -> Health.unknown().build());
	}

	Health health(ServiceEndpoint endpoint) {
		Instant now = this.clock.instant();
		Health.Builder health = endpoint.online() ? Health.up() : Health.down();
		health.withDetail("type", endpoint.type().text())
			.withDetail("endpoint", endpoint.endpoint().toString())
			.withDetail("online", endpoint.online())
			.withDetail("keyId", (endpoint.accessKey() != null) ? endpoint.accessKey().id() : "none");
		Optional<EndpointKeyStatus> keyStatus = (this.rotationStatus != null)
				? this.rotationStatus.get(endpoint.id()) : Optional.empty();
		keyStatus.ifPresent((status) -> {
			health.withDetail("keySince", status.since().toString());
			health.withDetail("keyAge", Duration.between(status.since(), now).withNanos(0).toString());
		});
		this.refreshStatus.refreshStatus(endpoint).ifPresent((refresh) -> {
			health.withDetail("keySource", refresh.source());
			health.withDetail("lastRefresh", String.valueOf(refresh.lastRefresh()));
			health.withDetail("stale", refresh.stale());
			if (!refresh.refusedVersions().isEmpty()) {
				health.withDetail("refusedVersions", refresh.refusedVersions());
			}
			if (refresh.lastError() != null) {
				health.withDetail("lastError", refresh.lastError());
				health.withDetail("lastErrorAt", String.valueOf(refresh.lastErrorAt()));
			}
		});
		if (endpoint.accessKey() == null && !endpoint.connectionString().authType().isEntra()) {
			health.down().withDetail("reason", "no valid key");
		}
		Map<String, Integer> serverConnections = this.serverConnections.of(endpoint.id());
		if (serverConnections != null) {
			health.withDetail("serverConnections", serverConnections);
			List<String> unserved = serverConnections.entrySet()
				.stream()
				.filter((hub) -> hub.getValue() == 0)
				.map(Map.Entry::getKey)
				.toList();
			if (!unserved.isEmpty()) {
				health.down().withDetail("reason", "no live server connection for hub " + String.join(", ", unserved));
			}
		}
		return health.build();
	}

}
