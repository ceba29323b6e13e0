package io.github.springsignalr.rest;

import java.util.Collection;

/**
 * Messaging over the server connections of default mode, which {@link SignalRTemplate} uses instead of the REST API
 * for a hub that has live ones ({@link #handles(String)}): the same operations, one {@link EndpointResult} per online
 * endpoint, as the REST calls give.
 */
public interface ServerConnectionMessenger {

	/**
	 * Whether the hub has a live server connection to some endpoint.
	 */
	boolean handles(String hub);

	SignalRResult sendToAll(String hub, Collection<String> excludedConnectionIds, String target, Object[] arguments);

	SignalRResult sendToUsers(String hub, Collection<String> userIds, String target, Object[] arguments);

	SignalRResult sendToConnection(String hub, String connectionId, String target, Object[] arguments);

	SignalRResult sendToGroup(String hub, String group, Collection<String> excludedConnectionIds, String target,
			Object[] arguments);

	/**
	 * Adds or removes a connection, waiting for the service's ack: {@code NOT_FOUND} where the connection is not.
	 */
	SignalRResult connectionGroup(String hub, String group, String connectionId, boolean add);

	/**
	 * Adds or removes a user (from every group when {@code group} is {@code null}), waiting for the ack.
	 */
	SignalRResult userGroup(String hub, String group, String userId, boolean add);

}
