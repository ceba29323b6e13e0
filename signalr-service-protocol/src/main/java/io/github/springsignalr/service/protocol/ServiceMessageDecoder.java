package io.github.springsignalr.service.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

import io.github.springsignalr.service.protocol.MessageItems.Extensions;

/**
 * Reads service protocol messages as the SDK's {@code ServiceProtocol.TryParseMessage} does, from input in which
 * message boundaries are independent of WebSocket messages: one read may hold part of a message or several.
 * <p>
 * Older, shorter layouts are read (the SDK branches on the array's length), items after the ones a type defines and
 * bytes after the array are ignored, unknown extension keys are skipped, and a message of an unknown type is read
 * whole and returned as an {@link UnknownMessage}. Thread-safe and stateless.
 */
public final class ServiceMessageDecoder {

	private static final int TRACING = Extensions.keys(Extensions.TRACING_ID);

	private static final int DATA = Extensions.keys(Extensions.TRACING_ID, Extensions.FILTER);

	private final int maxMessageLength;

	/**
	 * A decoder that takes messages up to the protocol's limit, 2 GB, as the SDK does.
	 */
	public ServiceMessageDecoder() {
		this(Integer.MAX_VALUE);
	}

	/**
	 * A decoder that refuses a message whose length prefix announces more than {@code maxMessageLength} bytes, before
	 * any of it is buffered.
	 */
	public ServiceMessageDecoder(int maxMessageLength) {
		if (maxMessageLength < 1) {
			throw new IllegalArgumentException("maxMessageLength must be positive");
		}
		this.maxMessageLength = maxMessageLength;
	}

	/**
	 * Reads the next message at the buffer's position and moves the position past it; or returns {@code null}, the
	 * position unchanged, when the buffer does not yet hold the whole message (append more input and call again).
	 * @throws ServiceProtocolException when the input is not a valid message; the position is then undefined and the
	 * connection should be closed
	 */
	public @Nullable ServiceMessage decode(ByteBuffer input) {
		long prefix = LengthPrefix.read(input);
		if (prefix == LengthPrefix.INCOMPLETE) {
			return null;
		}
		int prefixSize = (int) (prefix >>> 32);
		int length = (int) prefix;
		if (length > this.maxMessageLength) {
			throw new ServiceProtocolException(
					"Message of " + length + " bytes is over the limit of " + this.maxMessageLength + " bytes");
		}
		if (input.remaining() - prefixSize < length) {
			return null;
		}
		int start = input.position() + prefixSize;
		ByteBuffer body = input.duplicate();
		body.position(start).limit(start + length);
		input.position(start + length);
		return decodeBody(body.slice(), length);
	}

	ServiceMessage decodeBody(ByteBuffer body, int length) {
		if (length == 0) {
			throw new ServiceProtocolException("Message of 0 bytes: a message is a MessagePack array");
		}
		MessagePack.UnpackerConfig config = new MessagePack.UnpackerConfig().withStringSizeLimit(length);
		try (MessageUnpacker in = config.newUnpacker(body)) {
			int count;
			int type;
			try {
				count = in.unpackArrayHeader();
				if (count < 1) {
					throw new ServiceProtocolException("Message is an empty array, a type number expected");
				}
				type = in.unpackInt();
			}
			catch (MessagePackException ex) {
				throw new ServiceProtocolException("Message does not start with an array and a type number", ex);
			}
			return read(new MessageItems(in, type, count, length), type);
		}
		catch (IOException ex) {
			throw new ServiceProtocolException("Message ends before its items do", ex);
		}
	}

	private ServiceMessage read(MessageItems items, int type) {
		return switch (type) {
			case 1 -> handshakeRequest(items);
			case 2 -> handshakeResponse(items);
			case 3 -> ping(items);
			case 4 -> openConnection(items);
			case 5 -> closeConnection(items);
			case 6 -> connectionData(items);
			case 7 -> multicast(items, (i) -> i.strings("connectionList"), MultiConnectionDataMessage::new);
			case 8 -> multicast(items, (i) -> i.string("userId"), UserDataMessage::new);
			case 9 -> multicast(items, (i) -> i.strings("userList"), MultiUserDataMessage::new);
			case 10 -> multicast(items, (i) -> i.strings("excludedList"), BroadcastDataMessage::new);
			case 11 -> joinGroup(items);
			case 12 -> leaveGroup(items);
			case 13 -> groupBroadcastData(items);
			case 14 -> multicast(items, (i) -> i.strings("groupList"), MultiGroupBroadcastDataMessage::new);
			case 15 -> serviceError(items);
			case 16 -> userJoinGroup(items);
			case 17 -> userLeaveGroup(items);
			case 18 -> joinGroupWithAck(items);
			case 19 -> leaveGroupWithAck(items);
			case 20 -> ack(items);
			case 21 -> checkUserInGroupWithAck(items);
			case 22 -> serviceEvent(items);
			case 23 -> checkGroupExistenceWithAck(items);
			case 24 -> checkConnectionExistenceWithAck(items);
			case 25 -> checkUserExistenceWithAck(items);
			case 26 -> userJoinGroupWithAck(items);
			case 27 -> userLeaveGroupWithAck(items);
			case 28 -> accessKeyRequest(items);
			case 29 -> accessKeyResponse(items);
			case 30 -> closeConnectionWithAck(items);
			case 31 -> closeConnectionsWithAck(items);
			case 32 -> closeManyWithAck(items, "userId", CloseUserConnectionsWithAckMessage::new);
			case 33 -> closeManyWithAck(items, "groupName", CloseGroupConnectionsWithAckMessage::new);
			case 34 -> clientInvocation(items);
			case 35 -> clientCompletion(items);
			case 36 -> errorCompletion(items);
			case 37 -> serviceMapping(items);
			case 38 -> connectionReconnect(items);
			case 39 -> connectionFlowControl(items);
			case 40 -> groupMemberQuery(items);
			default -> new UnknownMessage(type);
		};
	}

	private static HandshakeRequestMessage handshakeRequest(MessageItems items) {
		items.requireAtLeast(2);
		int version = items.int32("version");
		int connectionType = 0;
		String target = null;
		if (items.count() >= 4) {
			connectionType = items.int32("connectionType");
			target = items.nullableString("target");
		}
		int migrationLevel = (items.count() >= 5) ? items.int32("migrationLevel") : 0;
		if (items.count() >= 6) {
			items.extensions(0);
		}
		Boolean allowStatefulReconnects = (items.count() >= 7) ? items.bool("allowStatefulReconnects") : null;
		return new HandshakeRequestMessage(version, connectionType, target, migrationLevel, allowStatefulReconnects);
	}

	private static HandshakeResponseMessage handshakeResponse(MessageItems items) {
		items.requireAtLeast(2);
		String errorMessage = items.nullableString("errorMessage");
		if (items.count() >= 3) {
			items.extensions(0);
		}
		String connectionId = (items.count() >= 4) ? items.nullableString("connectionId") : null;
		return new HandshakeResponseMessage(errorMessage, connectionId);
	}

	private static PingMessage ping(MessageItems items) {
		String[] messages = new String[items.count() - 1];
		for (int i = 0; i < messages.length; i++) {
			messages[i] = items.string("messages[" + i + "]");
		}
		return new PingMessage(List.of(messages));
	}

	private static OpenConnectionMessage openConnection(MessageItems items) {
		items.requireAtLeast(3);
		String connectionId = items.string("connectionId");
		var claims = items.claims("claims");
		if (items.count() < 5) {
			return new OpenConnectionMessage(connectionId, claims);
		}
		var headers = items.headers("headers");
		String queryString = items.nullableString("queryString");
		Extensions ext = (items.count() >= 6)
				? items.extensions(Extensions.keys(Extensions.TRACING_ID, Extensions.PROTOCOL)) : new Extensions();
		return new OpenConnectionMessage(connectionId, claims, headers, queryString, ext.protocol, ext.tracingId);
	}

	private static CloseConnectionMessage closeConnection(MessageItems items) {
		items.requireAtLeast(3);
		String connectionId = items.string("connectionId");
		String errorMessage = items.nullableString("errorMessage");
		Map<String, List<String>> headers = (items.count() >= 4) ? items.headers("headers") : Map.of();
		Extensions ext = optionalExtensions(items, 5, TRACING);
		return new CloseConnectionMessage(connectionId, errorMessage, headers, ext.tracingId);
	}

	private static ConnectionDataMessage connectionData(MessageItems items) {
		items.requireAtLeast(3);
		String connectionId = items.string("connectionId");
		byte[] payload = items.bytes("payload");
		Extensions ext = optionalExtensions(items, 4, Extensions.keys(Extensions.TRACING_ID,
				Extensions.DATA_MESSAGE_TYPE, Extensions.IS_PARTIAL));
		return new ConnectionDataMessage(connectionId, payload, ext.tracingId, ext.dataMessageType, ext.partial);
	}

	private static JoinGroupMessage joinGroup(MessageItems items) {
		items.requireAtLeast(3);
		String connectionId = items.string("connectionId");
		String group = items.string("groupName");
		return new JoinGroupMessage(connectionId, group, optionalExtensions(items, 4, TRACING).tracingId);
	}

	private static LeaveGroupMessage leaveGroup(MessageItems items) {
		items.requireAtLeast(3);
		String connectionId = items.string("connectionId");
		String group = items.nullableString("groupName");
		return new LeaveGroupMessage(connectionId, group, optionalExtensions(items, 4, TRACING).tracingId);
	}

	private static GroupBroadcastDataMessage groupBroadcastData(MessageItems items) {
		items.requireAtLeast(4);
		String group = items.string("groupName");
		var excluded = items.strings("excludedList");
		var payloads = items.payloads("payloads");
		Extensions ext = optionalExtensions(items, 5, DATA);
		List<String> excludedUsers = List.of();
		String callerUserId = null;
		if (items.count() >= 7) {
			excludedUsers = items.strings("excludedUserList");
			callerUserId = items.nullableString("callerUserId");
		}
		return new GroupBroadcastDataMessage(group, excluded, payloads, excludedUsers, callerUserId, ext.tracingId,
				ext.filter);
	}

	private static ServiceErrorMessage serviceError(MessageItems items) {
		items.requireAtLeast(2);
		return new ServiceErrorMessage(items.nullableString("errorMessage"));
	}

	private static UserJoinGroupMessage userJoinGroup(MessageItems items) {
		items.requireAtLeast(3);
		String userId = items.string("userId");
		String group = items.string("groupName");
		Extensions ext = optionalExtensions(items, 4, Extensions.keys(Extensions.TRACING_ID, Extensions.TTL));
		return new UserJoinGroupMessage(userId, group, ext.ttl, ext.tracingId);
	}

	private static UserLeaveGroupMessage userLeaveGroup(MessageItems items) {
		items.requireAtLeast(3);
		String userId = items.string("userId");
		String group = items.nullableString("groupName");
		return new UserLeaveGroupMessage(userId, group, optionalExtensions(items, 4, TRACING).tracingId);
	}

	private static JoinGroupWithAckMessage joinGroupWithAck(MessageItems items) {
		items.requireAtLeast(4);
		String connectionId = items.string("connectionId");
		String group = items.string("groupName");
		int ackId = items.int32("ackId");
		return new JoinGroupWithAckMessage(connectionId, group, ackId, optionalExtensions(items, 5, TRACING).tracingId);
	}

	private static LeaveGroupWithAckMessage leaveGroupWithAck(MessageItems items) {
		items.requireAtLeast(4);
		String connectionId = items.string("connectionId");
		String group = items.nullableString("groupName");
		int ackId = items.int32("ackId");
		return new LeaveGroupWithAckMessage(connectionId, group, ackId,
				optionalExtensions(items, 5, TRACING).tracingId);
	}

	private static AckMessage ack(MessageItems items) {
		items.requireAtLeast(4);
		int ackId = items.int32("ackId");
		int status = items.int32("status");
		String message = items.nullableString("message");
		optionalExtensions(items, 5, 0);
		// The newest SDK writes nil when an ack has no payload.
		byte[] payload = (items.count() >= 6) ? items.nullableBytes("payload") : null;
		return new AckMessage(ackId, status, message, payload);
	}

	private static CheckUserInGroupWithAckMessage checkUserInGroupWithAck(MessageItems items) {
		items.requireAtLeast(4);
		String userId = items.string("userId");
		String group = items.string("groupName");
		int ackId = items.int32("ackId");
		return new CheckUserInGroupWithAckMessage(userId, group, ackId,
				optionalExtensions(items, 5, TRACING).tracingId);
	}

	private static ServiceEventMessage serviceEvent(MessageItems items) {
		items.requireAtLeast(6);
		int type = items.int32("type");
		String id = items.nullableString("id");
		int kind = items.int32("kind");
		String message = items.nullableString("message");
		items.extensions(0);
		return new ServiceEventMessage(type, id, kind, message);
	}

	private static CheckGroupExistenceWithAckMessage checkGroupExistenceWithAck(MessageItems items) {
		items.requireAtLeast(4);
		String group = items.string("groupName");
		int ackId = items.int32("ackId");
		return new CheckGroupExistenceWithAckMessage(group, ackId, items.extensions(TRACING).tracingId);
	}

	private static CheckConnectionExistenceWithAckMessage checkConnectionExistenceWithAck(MessageItems items) {
		items.requireAtLeast(4);
		String connectionId = items.string("connectionId");
		int ackId = items.int32("ackId");
		return new CheckConnectionExistenceWithAckMessage(connectionId, ackId, items.extensions(TRACING).tracingId);
	}

	private static CheckUserExistenceWithAckMessage checkUserExistenceWithAck(MessageItems items) {
		items.requireAtLeast(4);
		String userId = items.string("userId");
		int ackId = items.int32("ackId");
		return new CheckUserExistenceWithAckMessage(userId, ackId, items.extensions(TRACING).tracingId);
	}

	private static UserJoinGroupWithAckMessage userJoinGroupWithAck(MessageItems items) {
		items.requireAtLeast(5);
		String userId = items.string("userId");
		String group = items.string("groupName");
		int ackId = items.int32("ackId");
		Extensions ext = items.extensions(Extensions.keys(Extensions.TRACING_ID, Extensions.TTL));
		return new UserJoinGroupWithAckMessage(userId, group, ackId, ext.ttl, ext.tracingId);
	}

	private static UserLeaveGroupWithAckMessage userLeaveGroupWithAck(MessageItems items) {
		items.requireAtLeast(5);
		String userId = items.string("userId");
		String group = items.nullableString("groupName");
		int ackId = items.int32("ackId");
		return new UserLeaveGroupWithAckMessage(userId, group, ackId, items.extensions(TRACING).tracingId);
	}

	private static AccessKeyRequestMessage accessKeyRequest(MessageItems items) {
		items.requireAtLeast(4);
		String token = items.nullableString("token");
		String kid = items.nullableString("kid");
		items.extensions(0);
		return new AccessKeyRequestMessage(token, kid);
	}

	private static AccessKeyResponseMessage accessKeyResponse(MessageItems items) {
		items.requireAtLeast(6);
		String kid = items.nullableString("kid");
		String accessKey = items.nullableString("accessKey");
		String errorType = items.nullableString("errorType");
		String errorMessage = items.nullableString("errorMessage");
		items.extensions(0);
		return new AccessKeyResponseMessage(kid, accessKey, errorType, errorMessage);
	}

	private static CloseConnectionWithAckMessage closeConnectionWithAck(MessageItems items) {
		items.requireAtLeast(4);
		String connectionId = items.string("connectionId");
		String reason = items.nullableString("reason");
		int ackId = items.int32("ackId");
		return new CloseConnectionWithAckMessage(connectionId, reason, ackId,
				optionalExtensions(items, 5, TRACING).tracingId);
	}

	private static CloseConnectionsWithAckMessage closeConnectionsWithAck(MessageItems items) {
		items.requireAtLeast(4);
		String reason = items.nullableString("reason");
		int ackId = items.int32("ackId");
		var excluded = items.strings("excludedList");
		return new CloseConnectionsWithAckMessage(reason, ackId, excluded,
				optionalExtensions(items, 5, TRACING).tracingId);
	}

	private static ClientInvocationMessage clientInvocation(MessageItems items) {
		items.requireAtLeast(6);
		String invocationId = items.string("invocationId");
		String connectionId = items.string("connectionId");
		String callerServerId = items.string("callerServerId");
		var payloads = items.payloads("payloads");
		return new ClientInvocationMessage(invocationId, connectionId, callerServerId, payloads,
				items.extensions(TRACING).tracingId);
	}

	private static ClientCompletionMessage clientCompletion(MessageItems items) {
		items.requireAtLeast(7);
		String invocationId = items.string("invocationId");
		String connectionId = items.string("connectionId");
		String callerServerId = items.string("callerServerId");
		String protocol = items.nullableString("protocol");
		byte[] payload = items.bytes("payload");
		Extensions ext = items.extensions(Extensions.keys(Extensions.TRACING_ID, Extensions.PROTOCOL));
		return new ClientCompletionMessage(invocationId, connectionId, callerServerId,
				(ext.protocol != null) ? ext.protocol : protocol, payload, ext.tracingId);
	}

	private static ErrorCompletionMessage errorCompletion(MessageItems items) {
		items.requireAtLeast(6);
		String invocationId = items.string("invocationId");
		String connectionId = items.string("connectionId");
		String callerServerId = items.string("callerServerId");
		String error = items.nullableString("error");
		return new ErrorCompletionMessage(invocationId, connectionId, callerServerId, error,
				items.extensions(TRACING).tracingId);
	}

	private static ServiceMappingMessage serviceMapping(MessageItems items) {
		items.requireAtLeast(5);
		String invocationId = items.string("invocationId");
		String connectionId = items.string("connectionId");
		String instanceId = items.string("instanceId");
		items.extensions(0);
		return new ServiceMappingMessage(invocationId, connectionId, instanceId);
	}

	private static ConnectionReconnectMessage connectionReconnect(MessageItems items) {
		items.requireAtLeast(3);
		String connectionId = items.string("connectionId");
		items.extensions(0);
		return new ConnectionReconnectMessage(connectionId);
	}

	// The SDK does not read this type's extension map, and refuses connection types and operations it does not
	// know; here they are kept as read, for the caller to ignore.
	private static ConnectionFlowControlMessage connectionFlowControl(MessageItems items) {
		items.requireAtLeast(4);
		String connectionId = items.string("connectionId");
		int connectionType = items.int32("connectionType");
		int operation = items.int32("operation");
		return new ConnectionFlowControlMessage(connectionId, connectionType, operation);
	}

	private static GroupMemberQueryMessage groupMemberQuery(MessageItems items) {
		items.requireAtLeast(6);
		Extensions ext = items.extensions(TRACING);
		String group = items.string("groupName");
		int ackId = items.int32("ackId");
		int max = items.int32("max");
		String continuationToken = items.nullableString("continuationToken");
		return new GroupMemberQueryMessage(group, ackId, max, continuationToken, ext.tracingId);
	}

	// [type, target, payloads, ext]: the target read after the item count is checked.
	private static <T> ServiceMessage multicast(MessageItems items, Function<MessageItems, T> target,
			Multicast<T> message) {
		items.requireAtLeast(3);
		T to = target.apply(items);
		var payloads = items.payloads("payloads");
		Extensions ext = optionalExtensions(items, 4, DATA);
		return message.create(to, payloads, ext.tracingId, ext.filter);
	}

	// [type, id, reason, ackId, excludedList, ext]: closes the connections of a user or a group.
	private static ServiceMessage closeManyWithAck(MessageItems items, String idItem, CloseMany message) {
		items.requireAtLeast(5);
		String id = items.string(idItem);
		String reason = items.nullableString("reason");
		int ackId = items.int32("ackId");
		var excluded = items.strings("excludedList");
		return message.create(id, reason, ackId, excluded, optionalExtensions(items, 6, TRACING).tracingId);
	}

	private static Extensions optionalExtensions(MessageItems items, int position, int supported) {
		return (items.count() >= position) ? items.extensions(supported) : new Extensions();
	}

	@FunctionalInterface
	private interface Multicast<T> {

		ServiceMessage create(T target, Map<String, byte[]> payloads, @Nullable Long tracingId,
				@Nullable String filter);

	}

	@FunctionalInterface
	private interface CloseMany {

		ServiceMessage create(String id, @Nullable String reason, int ackId, List<String> excludedList,
				@Nullable Long tracingId);

	}

}
