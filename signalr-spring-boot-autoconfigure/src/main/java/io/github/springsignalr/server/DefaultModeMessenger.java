package io.github.springsignalr.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;

import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.endpoint.EndpointId;
import io.github.springsignalr.rest.EndpointResult;
import io.github.springsignalr.rest.ServerConnectionMessenger;
import io.github.springsignalr.rest.SignalRResult;
import io.github.springsignalr.service.protocol.BroadcastDataMessage;
import io.github.springsignalr.service.protocol.GroupBroadcastDataMessage;
import io.github.springsignalr.service.protocol.JoinGroupWithAckMessage;
import io.github.springsignalr.service.protocol.LeaveGroupWithAckMessage;
import io.github.springsignalr.service.protocol.MultiConnectionDataMessage;
import io.github.springsignalr.service.protocol.MultiUserDataMessage;
import io.github.springsignalr.service.protocol.ServiceMessage;
import io.github.springsignalr.service.protocol.UserDataMessage;
import io.github.springsignalr.service.protocol.UserJoinGroupWithAckMessage;
import io.github.springsignalr.service.protocol.UserLeaveGroupWithAckMessage;

/**
 * {@link io.github.springsignalr.rest.SignalRTemplate}'s operations over server connections, as the .NET SDK's
 * {@code ServiceLifetimeManager} sends them: broadcast, user, multi-user, connection (as multi-connection data, which
 * cannot overtake a handshake) and group data to each endpoint it is given, on one connection of each; group changes
 * with an ack from each endpoint ({@code Ok} 200, {@code NotFound} 404, no ack in time a failure). An endpoint given
 * that has no live connection by then is a failure of its own.
 */
public class DefaultModeMessenger implements ServerConnectionMessenger {

	private static final int ACCEPTED = 202;

	private static final int OK = 200;

	private static final int NOT_FOUND = 404;

	private static final String NO_LIVE_CONNECTION = "No live server connection";

	private final DefaultModeServer server;

	private final JsonMapper json;

	public DefaultModeMessenger(DefaultModeServer server, JsonMapper json) {
		this.server = server;
		this.json = json;
	}

	@Override
	public boolean handles(String hub) {
		return this.server.connections(hub).stream().anyMatch((set) -> set.connectedCount() > 0);
	}

	@Override
	public boolean isLive(String hub, EndpointId endpoint) {
		return live(hub, endpoint).isPresent();
	}

	@Override
	public SignalRResult sendToAll(String hub, List<EndpointId> endpoints, Collection<String> excluded,
			String target, Object[] arguments) {
		return send(hub, endpoints, new BroadcastDataMessage(List.copyOf(excluded), payloads(target, arguments)));
	}

	@Override
	public SignalRResult sendToUsers(String hub, List<EndpointId> endpoints, Collection<String> userIds,
			String target, Object[] arguments) {
		Map<String, byte[]> payloads = payloads(target, arguments);
		return send(hub, endpoints, (userIds.size() == 1) ? new UserDataMessage(userIds.iterator().next(), payloads)
				: new MultiUserDataMessage(List.copyOf(userIds), payloads));
	}

	@Override
	public SignalRResult sendToConnection(String hub, List<EndpointId> endpoints, String connectionId, String target,
			Object[] arguments) {
		return send(hub, endpoints,
				new MultiConnectionDataMessage(List.of(connectionId), payloads(target, arguments)));
	}

	@Override
	public SignalRResult sendToGroup(String hub, List<EndpointId> endpoints, String group,
			Collection<String> excluded, String target, Object[] arguments) {
		return send(hub, endpoints,
				new GroupBroadcastDataMessage(group, List.copyOf(excluded), payloads(target, arguments), List.of()));
	}

	@Override
	public SignalRResult connectionGroup(String hub, List<EndpointId> endpoints, String group, String connectionId,
			boolean add) {
		return join(connectionGroupAsync(hub, endpoints, group, connectionId, add), endpoints);
	}

	@Override
	public SignalRResult userGroup(String hub, List<EndpointId> endpoints, String group, String userId,
			boolean add) {
		return join(userGroupAsync(hub, endpoints, group, userId, add), endpoints);
	}

	@Override
	public CompletableFuture<SignalRResult> connectionGroupAsync(String hub, List<EndpointId> endpoints, String group,
			String connectionId, boolean add) {
		return withAck(hub, endpoints, (ackId) -> add ? new JoinGroupWithAckMessage(connectionId, group, ackId)
				: new LeaveGroupWithAckMessage(connectionId, group, ackId));
	}

	@Override
	public CompletableFuture<SignalRResult> userGroupAsync(String hub, List<EndpointId> endpoints, String group,
			String userId, boolean add) {
		return withAck(hub, endpoints,
				(ackId) -> add ? new UserJoinGroupWithAckMessage(userId, group, ackId, null, null)
						: new UserLeaveGroupWithAckMessage(userId, group, ackId, null));
	}

	private Optional<HubEndpointConnections> live(String hub, EndpointId endpoint) {
		return this.server.connections(hub)
			.stream()
			.filter((set) -> set.endpoint().equals(endpoint) && set.connectedCount() > 0)
			.findFirst();
	}

	private Map<String, byte[]> payloads(String target, Object[] arguments) {
		return InvocationPayloads.of(this.json, target, arguments);
	}

	private SignalRResult send(String hub, List<EndpointId> endpoints, ServiceMessage message) {
		List<EndpointResult> results = new ArrayList<>();
		for (EndpointId endpoint : endpoints) {
			Optional<HubEndpointConnections> set = live(hub, endpoint);
			results.add((set.isPresent() && set.get().write(message))
					? new EndpointResult(endpoint, EndpointResult.Outcome.OK, ACCEPTED, null, null)
					: failed(endpoint, NO_LIVE_CONNECTION));
		}
		return new SignalRResult(results);
	}

	/**
	 * Sends each endpoint its message and completes, never exceptionally, when every ack has come or timed out
	 * ({@link Acks}' timeout): one result per endpoint, in their order.
	 */
	private CompletableFuture<SignalRResult> withAck(String hub, List<EndpointId> endpoints,
			IntFunction<ServiceMessage> message) {
		Acks acks = this.server.acks();
		List<CompletableFuture<EndpointResult>> results = new ArrayList<>();
		for (EndpointId endpoint : endpoints) {
			Optional<HubEndpointConnections> set = live(hub, endpoint);
			int ackId = acks.next();
			CompletableFuture<Boolean> ack = acks.await(ackId);
			if (set.isEmpty() || !set.get().write(message.apply(ackId))) {
				ack.completeExceptionally(new IllegalStateException(NO_LIVE_CONNECTION));
			}
			results.add(ack.handle((found, failure) -> (failure != null)
					? failed(endpoint, "No ack from the service: " + cause(failure).getMessage())
					: new EndpointResult(endpoint, found ? EndpointResult.Outcome.OK : EndpointResult.Outcome.NOT_FOUND,
							found ? OK : NOT_FOUND, null, null)));
		}
		return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
			.thenApply((ignored) -> new SignalRResult(results.stream().map(CompletableFuture::join).toList()));
	}

	private static Throwable cause(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private static SignalRResult join(CompletableFuture<SignalRResult> result, List<EndpointId> endpoints) {
		try {
			return result.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Waiting for the service's acks failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new SignalRResult(endpoints.stream()
				.map((endpoint) -> failed(endpoint, "Interrupted while waiting for the service's ack"))
				.toList());
		}
	}

	private static EndpointResult failed(EndpointId endpoint, String error) {
		return new EndpointResult(endpoint, EndpointResult.Outcome.FAILED, 0, null, error);
	}

}
