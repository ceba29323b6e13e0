package io.github.springsignalr.emulator.serverconnection;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.github.springsignalr.emulator.hub.ClientConnection;
import io.github.springsignalr.emulator.hub.Hub;
import io.github.springsignalr.service.protocol.AckMessage;
import io.github.springsignalr.service.protocol.BroadcastDataMessage;
import io.github.springsignalr.service.protocol.CheckConnectionExistenceWithAckMessage;
import io.github.springsignalr.service.protocol.CheckGroupExistenceWithAckMessage;
import io.github.springsignalr.service.protocol.CheckUserExistenceWithAckMessage;
import io.github.springsignalr.service.protocol.GroupBroadcastDataMessage;
import io.github.springsignalr.service.protocol.JoinGroupMessage;
import io.github.springsignalr.service.protocol.JoinGroupWithAckMessage;
import io.github.springsignalr.service.protocol.LeaveGroupMessage;
import io.github.springsignalr.service.protocol.LeaveGroupWithAckMessage;
import io.github.springsignalr.service.protocol.MultiConnectionDataMessage;
import io.github.springsignalr.service.protocol.MultiGroupBroadcastDataMessage;
import io.github.springsignalr.service.protocol.MultiUserDataMessage;
import io.github.springsignalr.service.protocol.ServiceMessage;
import io.github.springsignalr.service.protocol.UserDataMessage;
import io.github.springsignalr.service.protocol.UserJoinGroupMessage;
import io.github.springsignalr.service.protocol.UserJoinGroupWithAckMessage;
import io.github.springsignalr.service.protocol.UserLeaveGroupMessage;
import io.github.springsignalr.service.protocol.UserLeaveGroupWithAckMessage;
import org.jspecify.annotations.Nullable;

/**
 * What a server's messages to clients and groups do to a hub: each data message reaches the clients it names, each in
 * the payload of its own hub protocol (a client whose protocol has no payload gets nothing), and every message with
 * an ack id is answered with an {@code Ack}: {@code Ok}, or {@code NotFound} for a connection, user or group that is
 * not there.
 */
final class ServerMessages {

	private final Hub hub;

	private final ServerConnection server;

	ServerMessages(Hub hub, ServerConnection server) {
		this.hub = hub;
		this.server = server;
	}

	/**
	 * @return whether the message was one of those
	 */
	boolean handle(ServiceMessage message) {
		if (message instanceof MultiConnectionDataMessage data) {
			send(this.hub.connections((client) -> data.connectionList().contains(client.id())), data.payloads());
		}
		else if (message instanceof UserDataMessage data) {
			send(this.hub.connections((client) -> data.userId().equals(client.userId())), data.payloads());
		}
		else if (message instanceof MultiUserDataMessage data) {
			send(this.hub.connections((client) -> data.userList().contains(client.userId())), data.payloads());
		}
		else if (message instanceof BroadcastDataMessage data) {
			send(this.hub.connections((client) -> !data.excludedList().contains(client.id())), data.payloads());
		}
		else if (message instanceof GroupBroadcastDataMessage data) {
			send(this.hub.groupConnections(data.groupName())
				.stream()
				.filter((client) -> !data.excludedList().contains(client.id()))
				.filter((client) -> client.userId() == null || !data.excludedUserList().contains(client.userId()))
				.toList(), data.payloads());
		}
		else if (message instanceof MultiGroupBroadcastDataMessage data) {
			Set<ClientConnection> targets = new LinkedHashSet<>();
			data.groupList().forEach((group) -> targets.addAll(this.hub.groupConnections(group)));
			send(targets, data.payloads());
		}
		else {
			return handleGroups(message);
		}
		return true;
	}

	private boolean handleGroups(ServiceMessage message) {
		if (message instanceof JoinGroupMessage join) {
			this.hub.addToGroup(join.connectionId(), join.groupName());
		}
		else if (message instanceof LeaveGroupMessage leave) {
			leave(leave.connectionId(), leave.groupName());
		}
		else if (message instanceof JoinGroupWithAckMessage join) {
			ack(join.ackId(), this.hub.addToGroup(join.connectionId(), join.groupName()));
		}
		else if (message instanceof LeaveGroupWithAckMessage leave) {
			ack(leave.ackId(), leave(leave.connectionId(), leave.groupName()));
		}
		else if (message instanceof UserJoinGroupMessage join) {
			joinUser(join.userId(), join.groupName(), join.ttl());
		}
		else if (message instanceof UserLeaveGroupMessage leave) {
			leaveUser(leave.userId(), leave.groupName());
		}
		else if (message instanceof UserJoinGroupWithAckMessage join) {
			joinUser(join.userId(), join.groupName(), join.ttl());
			ack(join.ackId(), true);
		}
		else if (message instanceof UserLeaveGroupWithAckMessage leave) {
			leaveUser(leave.userId(), leave.groupName());
			ack(leave.ackId(), true);
		}
		else if (message instanceof CheckConnectionExistenceWithAckMessage check) {
			ack(check.ackId(), this.hub.connectionExists(check.connectionId()));
		}
		else if (message instanceof CheckUserExistenceWithAckMessage check) {
			ack(check.ackId(), this.hub.userExists(check.userId()));
		}
		else if (message instanceof CheckGroupExistenceWithAckMessage check) {
			ack(check.ackId(), this.hub.groupExists(check.groupName()));
		}
		else {
			return false;
		}
		return true;
	}

	/**
	 * A connection leaves a group (every group when {@code group} is null); {@code false} when there is no such
	 * connection. Leaving a group it is not in is no failure, as the REST API's 200 for it says.
	 */
	private boolean leave(String connectionId, @Nullable String group) {
		if (!this.hub.connectionExists(connectionId)) {
			return false;
		}
		if (group == null) {
			this.hub.removeFromAllGroups(connectionId);
		}
		else {
			this.hub.removeFromGroup(connectionId, group);
		}
		return true;
	}

	private void joinUser(String userId, String group, @Nullable Integer ttl) {
		this.hub.addUserToGroup(userId, group, (ttl != null) ? Duration.ofSeconds(ttl) : null);
	}

	private void leaveUser(String userId, @Nullable String group) {
		if (group == null) {
			this.hub.removeUserFromAllGroups(userId);
		}
		else {
			this.hub.removeUserFromGroup(userId, group);
		}
	}

	private void ack(int ackId, boolean found) {
		this.server.send(new AckMessage(ackId, found ? AckMessage.OK : AckMessage.NOT_FOUND));
	}

	private static void send(Collection<ClientConnection> targets, Map<String, byte[]> payloads) {
		for (ClientConnection client : targets) {
			byte[] payload = lookup(payloads, client.protocol());
			if (payload != null) {
				client.sendAsIs(payload);
			}
		}
	}

	private static byte @Nullable [] lookup(Map<String, byte[]> payloads, String protocol) {
		for (Map.Entry<String, byte[]> entry : payloads.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(protocol)) {
				return entry.getValue();
			}
		}
		return null;
	}

}
