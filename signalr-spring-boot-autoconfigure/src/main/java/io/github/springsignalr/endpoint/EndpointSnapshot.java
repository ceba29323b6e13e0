package io.github.springsignalr.endpoint;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All endpoints at one moment, in declaration order: what every token, negotiation and REST call reads, whole, so that
 * none of them sees a half-applied change.
 *
 * @param version increases by one with every change applied to the registry
 * @param endpoints the endpoints, unmodifiable
 */
public record EndpointSnapshot(long version, List<ServiceEndpoint> endpoints) {

	/**
	 * @throws DuplicateServiceEndpointException when two endpoints have the same name and type, or point at the same
	 * service with the same type
	 */
	public EndpointSnapshot {
		endpoints = List.copyOf(endpoints);
		checkNoDuplicates(endpoints);
	}

	public Optional<ServiceEndpoint> find(EndpointId id) {
		return this.endpoints.stream().filter((endpoint) -> endpoint.id().equals(id)).findFirst();
	}

	public boolean isEmpty() {
		return this.endpoints.isEmpty();
	}

	/**
	 * The online endpoints, primaries and secondaries: where messages go.
	 */
	public List<ServiceEndpoint> online() {
		return this.endpoints.stream().filter(ServiceEndpoint::online).toList();
	}

	/**
	 * The online endpoints of one type.
	 */
	public List<ServiceEndpoint> online(EndpointType type) {
		return this.endpoints.stream().filter((endpoint) -> endpoint.online() && endpoint.type() == type).toList();
	}

	/**
	 * This snapshot as {@code hub} sees it: an online endpoint that is not available for the hub (in default mode, one
	 * without a live server connection for it) is offline. The same snapshot when every online endpoint is available.
	 */
	public EndpointSnapshot forHub(String hub, EndpointAvailability availability) {
		if (availability == EndpointAvailability.REGISTRY || this.endpoints.stream()
			.allMatch((endpoint) -> !endpoint.online() || availability.isAvailable(hub, endpoint.id()))) {
			return this;
		}
		return new EndpointSnapshot(this.version, this.endpoints.stream()
			.map((endpoint) -> endpoint.withOnline(endpoint.online() && availability.isAvailable(hub, endpoint.id())))
			.toList());
	}

	private static void checkNoDuplicates(List<ServiceEndpoint> endpoints) {
		Map<EndpointId, ServiceEndpoint> byId = new HashMap<>();
		Map<String, ServiceEndpoint> byService = new HashMap<>();
		for (ServiceEndpoint endpoint : endpoints) {
			ServiceEndpoint sameId = byId.putIfAbsent(endpoint.id(), endpoint);
			if (sameId != null) {
				throw new DuplicateServiceEndpointException(sameId, endpoint,
						"two endpoints are named " + endpoint.id());
			}
			// .NET keeps the first of two entries for one service and logs a warning; an accident like that is
			// better found at start-up.
			URI service = endpoint.endpoint();
			ServiceEndpoint sameService = byService.putIfAbsent(service + "|" + endpoint.type(), endpoint);
			if (sameService != null) {
				throw new DuplicateServiceEndpointException(sameService, endpoint, "endpoints " + sameService.id()
						+ " and " + endpoint.id() + " both point at " + service + " as " + endpoint.type().text());
			}
		}
	}

}
