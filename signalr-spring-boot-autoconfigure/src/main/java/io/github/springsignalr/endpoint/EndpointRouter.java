package io.github.springsignalr.endpoint;

import java.util.List;

/**
 * Chooses endpoints: the one a client negotiates to, and those a message goes to. Declare a bean of this type to
 * replace the default policy.
 */
public interface EndpointRouter {

	/**
	 * The endpoint a new client of {@code hub} connects to.
	 * @param snapshot the endpoints now; choose from this snapshot only
	 * @throws NoAvailableEndpointException when no endpoint can take the client
	 */
	ServiceEndpoint negotiateEndpoint(EndpointSnapshot snapshot, String hub);

	/**
	 * The endpoints a message to {@code hub} goes to. By default every online endpoint, primaries and secondaries, so
	 * that a client reaches the message wherever it is connected.
	 */
	default List<ServiceEndpoint> messageEndpoints(EndpointSnapshot snapshot, String hub) {
		return snapshot.online();
	}

}
