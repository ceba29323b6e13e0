package io.github.springsignalr.endpoint;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.github.springsignalr.connectionstring.KnownSecrets;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The application's endpoints: an immutable {@link EndpointSnapshot} that readers take whole and writers replace
 * atomically. Every change that does something is published as a {@link ServiceEndpointsChangedEvent}.
 * <p>
 * Reads never block. Writes (a key rotation, a health check's verdict) are rare and serialised, so events are
 * published in the order the snapshots took effect; listeners run on the writer's thread and should be quick.
 */
public class ServiceEndpointRegistry {

	private final Object writeLock = new Object();

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private volatile EndpointSnapshot snapshot;

	/**
	 * @param endpoints the initial endpoints
	 * @param publisher where change events go
	 * @throws DuplicateServiceEndpointException when two endpoints clash
	 */
	public ServiceEndpointRegistry(Collection<ServiceEndpoint> endpoints, ApplicationEventPublisher publisher) {
		this(endpoints, publisher, Clock.systemUTC());
	}

	public ServiceEndpointRegistry(Collection<ServiceEndpoint> endpoints, ApplicationEventPublisher publisher,
			Clock clock) {
		this.snapshot = new EndpointSnapshot(0, List.copyOf(endpoints));
		this.snapshot.endpoints().forEach(ServiceEndpointRegistry::registerSecrets);
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * All endpoints now. Take one snapshot per operation and read everything from it.
	 */
	public EndpointSnapshot snapshot() {
		return this.snapshot;
	}

	public List<ServiceEndpoint> endpoints() {
		return this.snapshot.endpoints();
	}

	public Optional<ServiceEndpoint> find(EndpointId id) {
		return this.snapshot.find(id);
	}

	/**
	 * Replaces the whole list of endpoints with what {@code change} makes of the current one.
	 * @return the published event, or empty when the change changed nothing
	 * @throws DuplicateServiceEndpointException when the new list has clashing endpoints; nothing changes then
	 */
	public Optional<ServiceEndpointsChangedEvent> update(UnaryOperator<List<ServiceEndpoint>> change) {
		synchronized (this.writeLock) {
			EndpointSnapshot previous = this.snapshot;
			List<ServiceEndpoint> next = change.apply(new ArrayList<>(previous.endpoints()));
			if (next.equals(previous.endpoints())) {
				return Optional.empty();
			}
			EndpointSnapshot current = new EndpointSnapshot(previous.version() + 1, next);
			current.endpoints().forEach(ServiceEndpointRegistry::registerSecrets);
			this.snapshot = current;
			ServiceEndpointsChangedEvent event = describe(previous, current);
			if (this.publisher != null) {
				this.publisher.publishEvent(event);
			}
			return Optional.of(event);
		}
	}

	/**
	 * Replaces one endpoint with what {@code change} makes of it.
	 * @return the published event, or empty when the change changed nothing
	 * @throws IllegalArgumentException when no endpoint has that id
	 */
	public Optional<ServiceEndpointsChangedEvent> update(EndpointId id, UnaryOperator<ServiceEndpoint> change) {
		return update((endpoints) -> {
			for (int i = 0; i < endpoints.size(); i++) {
				if (endpoints.get(i).id().equals(id)) {
					ServiceEndpoint changed = change.apply(endpoints.get(i));
					if (!changed.id().equals(id)) {
						throw new IllegalArgumentException("An update of " + id + " cannot make it " + changed.id());
					}
					endpoints.set(i, changed);
					return endpoints;
				}
			}
			throw new IllegalArgumentException("No endpoint " + id);
		});
	}

	// So that logs redact them in every form, whatever their length; previous keys stay registered.
	private static void registerSecrets(ServiceEndpoint endpoint) {
		KnownSecrets.register(endpoint.connectionString());
		if (endpoint.accessKey() != null) {
			KnownSecrets.register(endpoint.accessKey().value());
		}
	}

	private ServiceEndpointsChangedEvent describe(EndpointSnapshot previous, EndpointSnapshot current) {
		Map<EndpointId, ServiceEndpoint> before = byId(previous);
		Map<EndpointId, ServiceEndpoint> after = byId(current);
		List<ServiceEndpoint> added = new ArrayList<>();
		List<ServiceEndpointsChangedEvent.Change> changed = new ArrayList<>();
		after.forEach((id, endpoint) -> {
			ServiceEndpoint old = before.get(id);
			if (old == null) {
				added.add(endpoint);
			}
			else if (!old.equals(endpoint)) {
				changed.add(new ServiceEndpointsChangedEvent.Change(old, endpoint));
			}
		});
		List<ServiceEndpoint> removed = before.values().stream().filter((old) -> !after.containsKey(old.id())).toList();
		return new ServiceEndpointsChangedEvent(previous, current, added, removed, changed, this.clock.instant());
	}

	private static Map<EndpointId, ServiceEndpoint> byId(EndpointSnapshot snapshot) {
		Map<EndpointId, ServiceEndpoint> byId = new LinkedHashMap<>();
		snapshot.endpoints().forEach((endpoint) -> byId.put(endpoint.id(), endpoint));
		return byId;
	}

	@Override
	public String toString() {
		return "ServiceEndpointRegistry[version=" + this.snapshot.version() + ", endpoints="
				+ this.snapshot.endpoints() + "]";
	}

}
