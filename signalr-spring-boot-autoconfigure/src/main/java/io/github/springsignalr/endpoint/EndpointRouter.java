package io.github.springsignalr.endpoint;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Chooses endpoints, as the .NET SDK's {@code IEndpointRouter} does: the one a negotiating client is sent to, which
 * sees the negotiate request ({@link NegotiateContext}: hub, user, headers, query), and those each message goes to,
 * per kind of operation. Declare a bean of this type to replace {@link DefaultEndpointRouter}; extend that class to
 * change one choice and keep the others.
 * <p>
 * A message method gets the endpoints a message can go to now (the online ones of one snapshot, in declaration
 * order) and returns those it goes to; an empty list makes the operation fail with
 * {@link io.github.springsignalr.rest.SignalRRestException} rather than send nothing silently. Group membership
 * follows the group (where the group's messages go, its members must be), existence checks and closing follow what
 * they address, as the .NET SDK routes {@code JoinGroupWithAckMessage} and the like.
 * <p>
 * In the service's default mode "online" is also per hub, as in .NET: an endpoint to which the application has no
 * live server connection for the hub is offline in the snapshot a negotiation sees, and left out of the endpoints a
 * message method gets ({@link EndpointAvailability}).
 */
@FunctionalInterface
public interface EndpointRouter {

	/**
	 * The endpoint a new client connects to.
	 * @param context the negotiate request: hub, user id, and the HTTP request's headers and query when there is one
	 * @param snapshot the endpoints now, offline ones included; choose from this snapshot only
	 * @throws NoAvailableEndpointException when no endpoint can take the client (negotiate answers 503)
	 */
	ServiceEndpoint negotiateEndpoint(NegotiateContext context, EndpointSnapshot snapshot);

	/**
	 * The endpoints a message to every client of {@code hub} goes to: all of them by default, so that a client
	 * receives it wherever it is connected.
	 * @param endpoints the online endpoints
	 */
	default List<ServiceEndpoint> endpointsForBroadcast(String hub, List<ServiceEndpoint> endpoints) {
		return endpoints;
	}

	/**
	 * The endpoints a message to a user (and a user's group membership, existence check) goes to: all by default.
	 * @param endpoints the online endpoints
	 */
	default List<ServiceEndpoint> endpointsForUser(String hub, @Nullable String userId,
			List<ServiceEndpoint> endpoints) {
		return endpoints;
	}

	/**
	 * The endpoints a message to a group, a change of its membership or its existence check goes to: all by default.
	 * @param endpoints the online endpoints
	 */
	default List<ServiceEndpoint> endpointsForGroup(String hub, @Nullable String group,
			List<ServiceEndpoint> endpoints) {
		return endpoints;
	}

	/**
	 * The endpoints a message to a connection, its closing or existence check goes to: all by default (the service
	 * that does not hold the connection answers "not there").
	 * @param endpoints the online endpoints
	 */
	default List<ServiceEndpoint> endpointsForConnection(String hub, @Nullable String connectionId,
			List<ServiceEndpoint> endpoints) {
		return endpoints;
	}

}
