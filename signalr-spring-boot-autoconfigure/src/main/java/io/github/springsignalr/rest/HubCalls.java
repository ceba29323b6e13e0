package io.github.springsignalr.rest;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.github.springsignalr.connectionstring.Secrets;
import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.endpoint.EndpointRouter;
import io.github.springsignalr.endpoint.EndpointSnapshot;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What {@link SignalRTemplate} and {@link ReactiveSignalRTemplate} decide alike around the endpoints of one call:
 * which endpoints it goes to, and what its per-endpoint results make of it.
 */
final class HubCalls {

	private static final Log logger = LogFactory.getLog(SignalRTemplate.class);

	private HubCalls() {
	}

	/**
	 * The endpoints an operation over server connections goes to: of the online endpoints with a live server
	 * connection for the hub, those chosen or routed as for a REST call (for several ids, those of any).
	 * @throws SignalRRestException when that leaves none
	 */
	static List<EndpointId> liveEndpoints(EndpointRouter router, Set<EndpointId> chosen, EndpointSnapshot snapshot,
			ServerConnectionMessenger serverConnections, String hub, HubRequest.Target.Kind kind, String... ids) {
		List<ServiceEndpoint> live = snapshot.online()
			.stream()
			.filter((endpoint) -> serverConnections.isLive(hub, endpoint.id()))
			.toList();
		List<EndpointId> endpoints = ((ids.length == 0) ? route(router, chosen, kind, hub, null, live).stream()
				: Arrays.stream(ids).flatMap((id) -> route(router, chosen, kind, hub, id, live).stream()))
			.map(ServiceEndpoint::id)
			.distinct()
			.toList();
		if (endpoints.isEmpty()) {
			throw new SignalRRestException("No Azure SignalR endpoint with a live server connection for hub '" + hub
					+ "' is online or chosen", new SignalRResult(List.of()));
		}
		return endpoints;
	}

	/**
	 * A user's time to live in a group as the REST API's {@code ttl}: whole seconds, as the .NET SDK sends it.
	 * @throws IllegalArgumentException when {@code ttl} is negative or longer than {@link Integer#MAX_VALUE} seconds
	 */
	static long timeToLiveSeconds(Duration ttl) {
		Objects.requireNonNull(ttl, "ttl");
		if (ttl.isNegative() || ttl.getSeconds() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("A time to live must be 0 to " + Integer.MAX_VALUE + " seconds, not "
					+ ttl);
		}
		return ttl.getSeconds();
	}

	/**
	 * The online endpoints a call goes to: the chosen ones, or the router's choice for what it addresses, once each.
	 * @param chosen the endpoints every call of a template goes to, or {@code null} to ask the router
	 */
	static List<ServiceEndpoint> endpointsFor(EndpointRouter router, Set<EndpointId> chosen, HubRequest request,
			EndpointSnapshot snapshot) {
		return route(router, chosen, request.target().kind(), request.hub(), request.target().id(), snapshot.online());
	}

	/**
	 * Of the given endpoints, those an operation of this kind goes to: the chosen ones, or the router's choice, once
	 * each.
	 * @param chosen the endpoints every call of a template goes to, or {@code null} to ask the router
	 */
	static List<ServiceEndpoint> route(EndpointRouter router, Set<EndpointId> chosen, HubRequest.Target.Kind kind, String hub,
			String id, List<ServiceEndpoint> online) {
		if (chosen != null) {
			return online.stream().filter((endpoint) -> chosen.contains(endpoint.id())).toList();
		}
		List<ServiceEndpoint> routed = switch (kind) {
			case BROADCAST -> router.endpointsForBroadcast(hub, online);
			case USER -> router.endpointsForUser(hub, id, online);
			case GROUP -> router.endpointsForGroup(hub, id, online);
			case CONNECTION -> router.endpointsForConnection(hub, id, online);
		};
		// Once each, however often a router names one.
		return (routed != null) ? routed.stream().distinct().toList() : List.of();
	}

	/**
	 * The endpoints a template of {@code withEndpoints} sends to.
	 * @throws IllegalArgumentException when none is given, or one is not in the registry
	 */
	static Set<EndpointId> chosen(EndpointSnapshot snapshot, Collection<EndpointId> endpoints) {
		Objects.requireNonNull(endpoints, "endpoints");
		if (endpoints.isEmpty()) {
			throw new IllegalArgumentException("Choose at least one endpoint");
		}
		for (EndpointId id : endpoints) {
			if (snapshot.find(Objects.requireNonNull(id, "endpoint id")).isEmpty()) {
				throw new IllegalArgumentException("No endpoint " + id + " is configured; the endpoints are "
						+ snapshot.endpoints().stream().map((endpoint) -> endpoint.id().toString()).toList());
			}
		}
		return Set.copyOf(endpoints);
	}

	static SignalRRestException noEndpoint(HubRequest request) {
		return new SignalRRestException("No Azure SignalR endpoint is online or chosen for " + request.method() + " "
				+ request.path(), new SignalRResult(List.of()));
	}

	/**
	 * The call's result; the endpoints that failed are logged.
	 * @throws SignalRRestException when it failed on every endpoint
	 */
	static SignalRResult result(HubRequest request, List<EndpointResult> results) {
		SignalRResult result = new SignalRResult(results);
		if (results.stream().allMatch(EndpointResult::failed)) {
			throw new SignalRRestException(request.method() + " " + request.path() + " failed on every endpoint",
					result);
		}
		result.failures()
			.forEach((failure) -> logger.warn(request.method() + " " + request.path() + " failed on "
					+ Secrets.redact(failure.toString())));
		return result;
	}

	/**
	 * The answer of an existence check.
	 * @throws SignalRRestException when no endpoint said yes and one could not answer
	 */
	static boolean exists(HubRequest request, SignalRResult result) {
		if (result.anyOk()) {
			return true;
		}
		if (!result.succeeded()) {
			// Not found where it answered, unknown where it did not: "no" would be a guess.
			throw new SignalRRestException(request.method() + " " + request.path() + " got no answer from every "
					+ "endpoint", result);
		}
		return false;
	}

}
