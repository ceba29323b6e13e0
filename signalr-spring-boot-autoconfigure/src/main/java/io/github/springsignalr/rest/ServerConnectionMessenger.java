package io.github.springsignalr.rest;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.springsignalr.endpoint.EndpointId;

/**
 * Messaging over the server connections of default mode, which {@link SignalRTemplate} uses instead of the REST API
 * for a hub that has live ones ({@link #handles(String)}): the same operations, one {@link EndpointResult} per
 * endpoint it is given, as the REST calls give. The template chooses those endpoints, of the ones
 * {@link #isLive live} for the hub, as it chooses them for REST calls ({@link SignalRTemplate#withEndpoints}, the
 * {@link io.github.springsignalr.endpoint.EndpointRouter}).
 * <p>
 * Sends only queue their message and return; group changes wait for the service's acks, which
 * {@link ReactiveSignalRTemplate} takes as futures ({@link #connectionGroupAsync}, {@link #userGroupAsync}) so that
 * no event loop waits.
 */
public interface ServerConnectionMessenger {

	/**
	 * Whether the hub has a live server connection to some endpoint.
	 */
	boolean handles(String hub);

	/**
	 * Whether the hub has a live server connection to the endpoint.
	 */
	boolean isLive(String hub, EndpointId endpoint);

	SignalRResult sendToAll(String hub, List<EndpointId> endpoints, Collection<String> excludedConnectionIds,
			String target, Object[] arguments);

	SignalRResult sendToUsers(String hub, List<EndpointId> endpoints, Collection<String> userIds, String target,
			Object[] arguments);

	SignalRResult sendToConnection(String hub, List<EndpointId> endpoints, String connectionId, String target,
			Object[] arguments);

	SignalRResult sendToGroup(String hub, List<EndpointId> endpoints, String group,
			Collection<String> excludedConnectionIds, String target, Object[] arguments);

	/**
	 * Adds or removes a connection, waiting for the service's ack: {@code NOT_FOUND} where the connection is not.
	 */
	SignalRResult connectionGroup(String hub, List<EndpointId> endpoints, String group, String connectionId,
			boolean add);

	/**
	 * Adds or removes a user (from every group when {@code group} is {@code null}), waiting for the ack.
	 */
	SignalRResult userGroup(String hub, List<EndpointId> endpoints, String group, String userId, boolean add);

	/**
	 * {@link #connectionGroup} completing when the acks have come; by default the blocking call on another thread,
	 * which a messenger that can wait without a thread should override.
	 */
	default CompletableFuture<SignalRResult> connectionGroupAsync(String hub, List<EndpointId> endpoints, String group,
			String connectionId, boolean add) {
		return CompletableFuture.supplyAsync(() -> connectionGroup(hub, endpoints, group, connectionId, add));
	}

	/**
	 * {@link #userGroup} completing when the acks have come; see {@link #connectionGroupAsync}.
	 */
	default CompletableFuture<SignalRResult> userGroupAsync(String hub, List<EndpointId> endpoints, String group,
			String userId, boolean add) {
		return CompletableFuture.supplyAsync(() -> userGroup(hub, endpoints, group, userId, add));
	}

}
