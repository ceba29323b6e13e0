package io.github.springsignalr.service.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Writes service protocol messages as the SDK's {@code ServiceProtocol.WriteMessage} does: a {@link LengthPrefix}
 * and a MessagePack array in the SDK's item order, integers in their shortest form, strings as fixstr/str8/…, byte
 * arrays as bin, empty lists and maps as {@code 90}/{@code 80}, and the extension map with only the keys the message
 * type carries and that are set, in ascending order. Thread-safe and stateless.
 */
public final class ServiceMessageEncoder {

	/**
	 * The protocol version a server's {@link HandshakeRequestMessage} asks for, as the SDK's {@code ProtocolVersion}.
	 */
	public static final int PROTOCOL_VERSION = 1;

	private static final int TRACING_ID = 1;

	private static final int TTL = 2;

	private static final int PROTOCOL = 3;

	private static final int FILTER = 4;

	private static final int DATA_MESSAGE_TYPE = 5;

	private static final int IS_PARTIAL = 6;

	/**
	 * The message with its length prefix, ready to be sent in one binary WebSocket message (or with others).
	 * @throws IllegalArgumentException for an {@link UnknownMessage}, which has nothing to write
	 */
	public byte[] encode(ServiceMessage message) {
		byte[] body = encodeBody(message);
		byte[] framed = new byte[LengthPrefix.size(body.length) + body.length];
		int prefix = LengthPrefix.write(body.length, framed, 0);
		System.arraycopy(body, 0, framed, prefix, body.length);
		return framed;
	}

	/**
	 * The MessagePack array alone, what the SDK's test vectors hold.
	 */
	byte[] encodeBody(ServiceMessage message) {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			write(packer, message);
			return packer.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void write(MessagePacker out, ServiceMessage message) throws IOException {
		if (message instanceof HandshakeRequestMessage m) {
			out.packArrayHeader((m.allowStatefulReconnects() != null) ? 7 : 6).packInt(1).packInt(m.version());
			out.packInt(m.connectionType()).packString((m.connectionType() == 0) ? "" : m.target());
			out.packInt(m.migrationLevel());
			ext(out);
			if (m.allowStatefulReconnects() != null) {
				out.packBoolean(m.allowStatefulReconnects());
			}
		}
		else if (message instanceof HandshakeResponseMessage m) {
			out.packArrayHeader(4).packInt(2);
			string(out, m.errorMessage());
			ext(out);
			string(out, m.connectionId());
		}
		else if (message instanceof PingMessage m) {
			out.packArrayHeader(m.messages().size() + 1).packInt(3);
			for (String item : m.messages()) {
				out.packString(item);
			}
		}
		else if (message instanceof OpenConnectionMessage m) {
			out.packArrayHeader(6).packInt(4).packString(m.connectionId());
			out.packMapHeader(m.claims().size());
			for (OpenConnectionMessage.Claim claim : m.claims()) {
				out.packString(claim.type()).packString(claim.value());
			}
			headers(out, m.headers());
			string(out, m.queryString());
			ext(out, m.tracingId(), null, m.protocol(), null, 0, false);
		}
		else if (message instanceof CloseConnectionMessage m) {
			out.packArrayHeader(5).packInt(5).packString(m.connectionId()).packString(m.errorMessage());
			headers(out, m.headers());
			ext(out, m.tracingId());
		}
		else if (message instanceof ConnectionDataMessage m) {
			out.packArrayHeader(4).packInt(6).packString(m.connectionId());
			bytes(out, m.payload());
			ext(out, m.tracingId(), null, null, null, m.dataMessageType(), m.partial());
		}
		else if (message instanceof MultiConnectionDataMessage m) {
			out.packArrayHeader(4).packInt(7);
			strings(out, m.connectionList());
			data(out, m.payloads(), m.tracingId(), m.filter());
		}
		else if (message instanceof UserDataMessage m) {
			out.packArrayHeader(4).packInt(8).packString(m.userId());
			data(out, m.payloads(), m.tracingId(), m.filter());
		}
		else if (message instanceof MultiUserDataMessage m) {
			out.packArrayHeader(4).packInt(9);
			strings(out, m.userList());
			data(out, m.payloads(), m.tracingId(), m.filter());
		}
		else if (message instanceof BroadcastDataMessage m) {
			out.packArrayHeader(4).packInt(10);
			strings(out, m.excludedList());
			data(out, m.payloads(), m.tracingId(), m.filter());
		}
		else if (message instanceof JoinGroupMessage m) {
			member(out, 11, m.connectionId(), m.groupName(), m.tracingId());
		}
		else if (message instanceof LeaveGroupMessage m) {
			member(out, 12, m.connectionId(), m.groupName(), m.tracingId());
		}
		else if (message instanceof GroupBroadcastDataMessage m) {
			out.packArrayHeader(7).packInt(13).packString(m.groupName());
			strings(out, m.excludedList());
			data(out, m.payloads(), m.tracingId(), m.filter());
			strings(out, m.excludedUserList());
			string(out, m.callerUserId());
		}
		else if (message instanceof MultiGroupBroadcastDataMessage m) {
			out.packArrayHeader(4).packInt(14);
			strings(out, m.groupList());
			data(out, m.payloads(), m.tracingId(), m.filter());
		}
		else if (message instanceof ServiceErrorMessage m) {
			out.packArrayHeader(2).packInt(15);
			string(out, m.errorMessage());
		}
		else if (message instanceof UserJoinGroupMessage m) {
			out.packArrayHeader(4).packInt(16).packString(m.userId()).packString(m.groupName());
			ext(out, m.tracingId(), m.ttl(), null, null, 0, false);
		}
		else if (message instanceof UserLeaveGroupMessage m) {
			member(out, 17, m.userId(), m.groupName(), m.tracingId());
		}
		else if (message instanceof JoinGroupWithAckMessage m) {
			memberWithAck(out, 18, m.connectionId(), m.groupName(), m.ackId(), m.tracingId());
		}
		else if (message instanceof LeaveGroupWithAckMessage m) {
			memberWithAck(out, 19, m.connectionId(), m.groupName(), m.ackId(), m.tracingId());
		}
		else if (message instanceof AckMessage m) {
			out.packArrayHeader((m.payload() != null) ? 6 : 5).packInt(20).packInt(m.ackId()).packInt(m.status());
			string(out, m.message());
			ext(out);
			if (m.payload() != null) {
				bytes(out, m.payload());
			}
		}
		else if (message instanceof CheckUserInGroupWithAckMessage m) {
			memberWithAck(out, 21, m.userId(), m.groupName(), m.ackId(), m.tracingId());
		}
		else if (message instanceof ServiceEventMessage m) {
			out.packArrayHeader(6).packInt(22).packInt(m.type());
			string(out, m.id());
			out.packInt(m.kind());
			string(out, m.message());
			ext(out);
		}
		else if (message instanceof CheckGroupExistenceWithAckMessage m) {
			existenceWithAck(out, 23, m.groupName(), m.ackId(), m.tracingId());
		}
		else if (message instanceof CheckConnectionExistenceWithAckMessage m) {
			existenceWithAck(out, 24, m.connectionId(), m.ackId(), m.tracingId());
		}
		else if (message instanceof CheckUserExistenceWithAckMessage m) {
			existenceWithAck(out, 25, m.userId(), m.ackId(), m.tracingId());
		}
		else if (message instanceof UserJoinGroupWithAckMessage m) {
			out.packArrayHeader(5).packInt(26).packString(m.userId()).packString(m.groupName()).packInt(m.ackId());
			ext(out, m.tracingId(), m.ttl(), null, null, 0, false);
		}
		else if (message instanceof UserLeaveGroupWithAckMessage m) {
			memberWithAck(out, 27, m.userId(), m.groupName(), m.ackId(), m.tracingId());
		}
		else if (message instanceof AccessKeyRequestMessage m) {
			out.packArrayHeader(4).packInt(28);
			string(out, m.token());
			string(out, m.kid());
			ext(out);
		}
		else if (message instanceof AccessKeyResponseMessage m) {
			out.packArrayHeader(6).packInt(29);
			string(out, m.kid());
			string(out, m.accessKey());
			string(out, m.errorType());
			string(out, m.errorMessage());
			ext(out);
		}
		else if (message instanceof CloseConnectionWithAckMessage m) {
			memberWithAck(out, 30, m.connectionId(), m.reason(), m.ackId(), m.tracingId());
		}
		else if (message instanceof CloseConnectionsWithAckMessage m) {
			out.packArrayHeader(5).packInt(31);
			string(out, m.reason());
			out.packInt(m.ackId());
			strings(out, m.excludedList());
			ext(out, m.tracingId());
		}
		else if (message instanceof CloseUserConnectionsWithAckMessage m) {
			closeManyWithAck(out, 32, m.userId(), m.reason(), m.ackId(), m.excludedList(), m.tracingId());
		}
		else if (message instanceof CloseGroupConnectionsWithAckMessage m) {
			closeManyWithAck(out, 33, m.groupName(), m.reason(), m.ackId(), m.excludedList(), m.tracingId());
		}
		else if (message instanceof ClientInvocationMessage m) {
			invocation(out, 6, 34, m.invocationId(), m.connectionId(), m.callerServerId());
			payloads(out, m.payloads());
			ext(out, m.tracingId());
		}
		else if (message instanceof ClientCompletionMessage m) {
			invocation(out, 7, 35, m.invocationId(), m.connectionId(), m.callerServerId());
			string(out, m.protocol());
			bytes(out, m.payload());
			ext(out, m.tracingId(), null, m.protocol(), null, 0, false);
		}
		else if (message instanceof ErrorCompletionMessage m) {
			invocation(out, 6, 36, m.invocationId(), m.connectionId(), m.callerServerId());
			string(out, m.error());
			ext(out, m.tracingId());
		}
		else if (message instanceof ServiceMappingMessage m) {
			invocation(out, 5, 37, m.invocationId(), m.connectionId(), m.instanceId());
			ext(out);
		}
		else if (message instanceof ConnectionReconnectMessage m) {
			out.packArrayHeader(3).packInt(38).packString(m.connectionId());
			ext(out);
		}
		else if (message instanceof ConnectionFlowControlMessage m) {
			out.packArrayHeader(5).packInt(39).packString(m.connectionId());
			fixedInt32(out, m.connectionType());
			fixedInt32(out, m.operation());
			ext(out);
		}
		else if (message instanceof GroupMemberQueryMessage m) {
			out.packArrayHeader(6).packInt(40);
			ext(out, m.tracingId());
			out.packString(m.groupName()).packInt(m.ackId()).packInt(m.max());
			string(out, m.continuationToken());
		}
		else {
			throw new IllegalArgumentException("Cannot write " + message);
		}
	}

	// [type, id, name, ext]: joins and leaves of a group; a leave's group may be nil.
	private static void member(MessagePacker out, int type, String id, @Nullable String name,
			@Nullable Long tracingId) throws IOException {
		out.packArrayHeader(4).packInt(type).packString(id);
		string(out, name);
		ext(out, tracingId);
	}

	// [type, id, name, ackId, ext]: joins, leaves and checks of a group with an ack, and a close with its reason.
	private static void memberWithAck(MessagePacker out, int type, String id, @Nullable String name, int ackId,
			@Nullable Long tracingId) throws IOException {
		out.packArrayHeader(5).packInt(type).packString(id);
		string(out, name);
		out.packInt(ackId);
		ext(out, tracingId);
	}

	// [type, id, ackId, ext]
	private static void existenceWithAck(MessagePacker out, int type, String id, int ackId, @Nullable Long tracingId)
			throws IOException {
		out.packArrayHeader(4).packInt(type).packString(id).packInt(ackId);
		ext(out, tracingId);
	}

	// The head of [type, invocationId, connectionId, server, …]
	private static void invocation(MessagePacker out, int items, int type, String invocationId, String connectionId,
			String server) throws IOException {
		out.packArrayHeader(items).packInt(type).packString(invocationId).packString(connectionId).packString(server);
	}

	// The payloads and extensions of a multicast data message
	private static void data(MessagePacker out, Map<String, byte[]> payloads, @Nullable Long tracingId,
			@Nullable String filter) throws IOException {
		payloads(out, payloads);
		ext(out, tracingId, null, null, filter, 0, false);
	}

	private static void closeManyWithAck(MessagePacker out, int type, String id, @Nullable String reason, int ackId,
			List<String> excluded, @Nullable Long tracingId) throws IOException {
		out.packArrayHeader(6).packInt(type).packString(id);
		string(out, reason);
		out.packInt(ackId);
		strings(out, excluded);
		ext(out, tracingId);
	}

	private static void string(MessagePacker out, @Nullable String value) throws IOException {
		if (value != null) {
			out.packString(value);
		}
		else {
			out.packNil();
		}
	}

	private static void strings(MessagePacker out, List<String> values) throws IOException {
		out.packArrayHeader(values.size());
		for (String value : values) {
			out.packString(value);
		}
	}

	private static void bytes(MessagePacker out, byte[] value) throws IOException {
		out.packBinaryHeader(value.length);
		out.writePayload(value);
	}

	private static void payloads(MessagePacker out, Map<String, byte[]> payloads) throws IOException {
		out.packMapHeader(payloads.size());
		for (Map.Entry<String, byte[]> entry : payloads.entrySet()) {
			out.packString(entry.getKey());
			bytes(out, entry.getValue());
		}
	}

	private static void headers(MessagePacker out, Map<String, List<String>> headers) throws IOException {
		out.packMapHeader(headers.size());
		for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
			out.packString(entry.getKey());
			strings(out, entry.getValue());
		}
	}

	// MessagePack-CSharp's WriteInt32: always d2 and four bytes, big-endian.
	private static void fixedInt32(MessagePacker out, int value) throws IOException {
		out.writePayload(new byte[] { (byte) 0xd2, (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
				(byte) value });
	}

	private static void ext(MessagePacker out) throws IOException {
		out.packMapHeader(0);
	}

	private static void ext(MessagePacker out, @Nullable Long tracingId) throws IOException {
		ext(out, tracingId, null, null, null, 0, false);
	}

	private static void ext(MessagePacker out, @Nullable Long tracingId, @Nullable Integer ttl,
			@Nullable String protocol, @Nullable String filter, int dataMessageType,
			boolean partial) throws IOException {
		int count = ((tracingId != null) ? 1 : 0) + ((ttl != null) ? 1 : 0) + ((protocol != null) ? 1 : 0)
				+ ((filter != null) ? 1 : 0) + ((dataMessageType != 0) ? 1 : 0) + (partial ? 1 : 0);
		out.packMapHeader(count);
		if (tracingId != null) {
			out.packInt(TRACING_ID);
			unsigned(out, tracingId);
		}
		if (ttl != null) {
			out.packInt(TTL).packInt(ttl);
		}
		if (protocol != null) {
			out.packInt(PROTOCOL).packString(protocol);
		}
		if (filter != null) {
			out.packInt(FILTER).packString(filter);
		}
		if (dataMessageType != 0) {
			out.packInt(DATA_MESSAGE_TYPE).packInt(dataMessageType);
		}
		if (partial) {
			out.packInt(IS_PARTIAL).packBoolean(true);
		}
	}

	// A tracing id is a .NET ulong held in a long: above Long.MAX_VALUE it is negative here and written as uint64.
	private static void unsigned(MessagePacker out, long value) throws IOException {
		if (value >= 0) {
			out.packLong(value);
		}
		else {
			out.packBigInteger(new BigInteger(Long.toUnsignedString(value)));
		}
	}

}
