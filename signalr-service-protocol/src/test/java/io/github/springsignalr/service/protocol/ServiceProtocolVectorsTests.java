package io.github.springsignalr.service.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.springsignalr.service.protocol.OpenConnectionMessage.Claim;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The .NET SDK's own test vectors ({@code service-protocol/vectors.txt}): every one decodes to its message, and every
 * one the SDK writes is written back byte for byte.
 */
class ServiceProtocolVectorsTests {

	private static final Map<String, byte[]> PA = payloads(bytes(6, 7, 1, 2, 3, 4, 5), bytes(7, 1, 2, 3, 4, 5, 6));

	private static final Map<String, byte[]> PB = payloads(bytes(4, 5, 6, 7, 1, 2, 3), bytes(5, 6, 7, 1, 2, 3, 4));

	private static final Map<String, byte[]> PC = payloads(bytes(2, 3, 4, 5, 6, 7, 1), bytes(3, 4, 5, 6, 7, 1, 2));

	private static final Map<String, byte[]> PD = payloads(bytes(1, 2, 3, 4, 5, 6, 7, 8),
			bytes(7, 8, 1, 2, 3, 4, 5, 6));

	private static final String NAME_IDENTIFIER = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";

	private static final Map<String, ServiceMessage> EXPECTED = expected();

	private final ServiceMessageEncoder encoder = new ServiceMessageEncoder();

	private final ServiceMessageDecoder decoder = new ServiceMessageDecoder();

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("vectors")
	void decodesToItsMessage(String set, String name, String base64) {
		byte[] body = Base64.getDecoder().decode(base64);
		ByteBuffer framed = ByteBuffer.wrap(frame(body));
		ServiceMessage message = this.decoder.decode(framed);
		assertThat(message).isEqualTo(expectedFor(name));
		assertThat(framed.hasRemaining()).isFalse();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("writtenVectors")
	void encodesBackToTheSameBytes(String set, String name, String base64) {
		ServiceMessage message = expectedFor(name);
		assertThat(Base64.getEncoder().encodeToString(this.encoder.encodeBody(message))).isEqualTo(base64);
		assertThat(this.encoder.encode(message)).isEqualTo(frame(Base64.getDecoder().decode(base64)));
	}

	@Test
	void everyMessageTypeHasAVectorAndEveryExpectedMessageIsUsed() throws IOException {
		Set<String> names = vectors().stream().map((vector) -> (String) vector[1]).collect(Collectors.toSet());
		assertThat(names).containsAll(EXPECTED.keySet());
		Set<Class<?>> decoded = new HashSet<>();
		for (Object[] vector : vectors()) {
			decoded.add(this.decoder.decode(ByteBuffer.wrap(frame(Base64.getDecoder().decode((String) vector[2]))))
				.getClass());
		}
		List<Class<?>> types = new ArrayList<>(Arrays.asList(ServiceMessage.class.getPermittedSubclasses()));
		types.remove(UnknownMessage.class);
		assertThat(decoded).containsExactlyInAnyOrderElementsOf(types);
	}

	static List<Object[]> vectors() throws IOException {
		List<Object[]> vectors = new ArrayList<>();
		try (InputStream in = ServiceProtocolVectorsTests.class.getResourceAsStream("/service-protocol/vectors.txt");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank() && !line.startsWith("#")) {
					vectors.add(line.split(" "));
				}
			}
		}
		return vectors;
	}

	static List<Object[]> writtenVectors() throws IOException {
		return vectors().stream().filter((vector) -> vector[0].equals("write")).toList();
	}

	// The SDK's parse-only vectors are older layouts of the messages it writes under the name without the suffix.
	private static ServiceMessage expectedFor(String name) {
		ServiceMessage message = EXPECTED.get(name);
		if (message == null) {
			message = EXPECTED.get(name.replace("_NoOptionalField", "").replace("_NoConnectionId", ""));
		}
		assertThat(message).as("expected message of " + name).isNotNull();
		return message;
	}

	static byte[] frame(byte[] body) {
		byte[] framed = new byte[LengthPrefix.size(body.length) + body.length];
		int prefix = LengthPrefix.write(body.length, framed, 0);
		System.arraycopy(body, 0, framed, prefix, body.length);
		return framed;
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static Map<String, byte[]> payloads(byte[] json, byte[] messagePack) {
		Map<String, byte[]> payloads = new LinkedHashMap<>();
		payloads.put("json", json);
		payloads.put("messagepack", messagePack);
		return payloads;
	}

	private static Map<String, ServiceMessage> expected() {
		Map<String, ServiceMessage> m = new HashMap<>();
		m.put("HandshakeRequest", new HandshakeRequestMessage(1));
		m.put("HandshakeRequestWithProperty", new HandshakeRequestMessage(1, 1, "abc", 0, null));
		m.put("HandshakeRequestWithMigratableStatus", new HandshakeRequestMessage(1, 0, "", 1, null));
		m.put("HandshakeResponse", new HandshakeResponseMessage());
		m.put("HandshakeResponseWithError", new HandshakeResponseMessage("Version mismatch.", null));
		m.put("HandshakeResponseWithConnectionId", new HandshakeResponseMessage("", "abc"));
		m.put("AccessKeyRequestMessage", new AccessKeyRequestMessage("token", null));
		m.put("AccessKeyRequestMessageWithKid", new AccessKeyRequestMessage("token", "kid"));
		m.put("AccessKeyResponseMessage", new AccessKeyResponseMessage("kid", "key", null, null));
		m.put("AccessKeyResponseMessageWithException", new AccessKeyResponseMessage(null, null,
				"ArgumentNullException", "Value cannot be null. (Parameter 'token invalid')"));
		m.put("Ping", PingMessage.KEEP_ALIVE);
		m.put("Ping+", PingMessage.of("a", "b"));
		m.put("OpenConnection", new OpenConnectionMessage("conn1", List.of()));
		m.put("OpenConnectionWithTracingId", new OpenConnectionMessage("conn1", List.of(), Map.of(), "", null, 888L));
		m.put("OpenConnectionWithClaims", new OpenConnectionMessage("conn2", List.of(new Claim(NAME_IDENTIFIER, "user1"))));
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("header-key-1", List.of("header-value-1"));
		headers.put("header-key-2", List.of("heaer-value-2a", "header-value-2b"));
		headers.put("header-key-3", List.of("heaer-value-3a", "header-value-3b", "header-value-3c"));
		m.put("OpenConnectionWithHeaders", new OpenConnectionMessage("conn3", List.of(), headers, "", null, null));
		m.put("OpenConnectionWithQueryString1",
				new OpenConnectionMessage("conn4", List.of(), Map.of(), "query1=value1", null, null));
		m.put("OpenConnectionWithQueryString2", new OpenConnectionMessage("conn4", List.of(), Map.of(),
				"query1=value1&query2=query2&query3=value3", null, null));
		m.put("OpenConnection_WithProtocol", new OpenConnectionMessage("conn1", List.of(), Map.of(), "", "json", null));
		m.put("CloseConnection", new CloseConnectionMessage("conn3"));
		m.put("CloseConnectionWithError", new CloseConnectionMessage("conn4", "Error message."));
		m.put("CloseConnectionWithHeaders",
				new CloseConnectionMessage("conn4", "Error message.", Map.of("foo", List.of("bar")), null));
		m.put("CloseConnectionWithTracingId", new CloseConnectionMessage("conn4", "", Map.of(), 123L));
		m.put("ConnectionData", new ConnectionDataMessage("conn5", bytes(1, 2, 3, 4, 5, 6, 7)));
		m.put("ConnectionData_WithTypeAndPartial",
				new ConnectionDataMessage("conn6", bytes(1, 2, 3, 4, 5, 6, 7), null, 2, true));
		m.put("ConnectionReconnect", new ConnectionReconnectMessage("conn7"));
		m.put("MultiConnectionData", new MultiConnectionDataMessage(List.of("conn6", "conn7"), PC));
		m.put("UserData", new UserDataMessage("user1", PA));
		m.put("MultiUserData", new MultiUserDataMessage(List.of("user1", "user2"), PA));
		m.put("Broadcast", new BroadcastDataMessage(List.of(), PB));
		m.put("BroadcastExcept", new BroadcastDataMessage(List.of("conn7", "conn8", "conn9"), PA));
		m.put("JoinGroup", new JoinGroupMessage("conn10", "group1", null));
		m.put("LeaveGroup", new LeaveGroupMessage("conn11", "group2", null));
		m.put("UserJoinGroup", new UserJoinGroupMessage("conn10", "group1"));
		m.put("UserJoinGroupWithTtl", new UserJoinGroupMessage("conn10", "group1", 100, null));
		m.put("UserLeaveGroup", new UserLeaveGroupMessage("conn11", "group2", null));
		m.put("GroupBroadcast", new GroupBroadcastDataMessage("group3", List.of(), PA, List.of()));
		m.put("GroupBroadcastExcept", new GroupBroadcastDataMessage("group3", List.of("conn12", "conn13"), PA, List.of()));
		m.put("GroupBroadcastExceptUser", new GroupBroadcastDataMessage("group3", List.of("conn12", "conn13"), PA,
				List.of("user1", "user2"), "user3", null, null));
		m.put("GroupBroadcastWithTracingId",
				new GroupBroadcastDataMessage("group3", List.of(), PA, List.of(), null, 1234L, null));
		m.put("MultiGroupBroadcast", new MultiGroupBroadcastDataMessage(List.of("group4", "group5"), PD));
		m.put("ServiceError", new ServiceErrorMessage("Maximum message count limit reached: 100000"));
		m.put("JoinGroupWithAck", new JoinGroupWithAckMessage("conn14", "group1", 1));
		m.put("LeaveGroupWithAck", new LeaveGroupWithAckMessage("conn15", "group2", 1));
		m.put("Ack", new AckMessage(1, 100));
		m.put("AckWithMessage", new AckMessage(2, 101, "Joined group successfully"));
		m.put("ConnectionDataWithTracingId",
				new ConnectionDataMessage("conn5", bytes(1, 2, 3, 4, 5, 6, 7), 1234L, 0, false));
		m.put("MultiConnectionDataWithTracingId",
				new MultiConnectionDataMessage(List.of("conn6", "conn7"), PC, 1234L, null));
		m.put("UserDataWithTracingId", new UserDataMessage("user1", PA, 1234L, null));
		m.put("MultiUserDataWithTracingId", new MultiUserDataMessage(List.of("user1", "user2"), PA, 1234L, null));
		m.put("BroadcastWithTracingId", new BroadcastDataMessage(List.of(), PB, 1234L, null));
		m.put("JoinGroupWithTracingId", new JoinGroupMessage("conn10", "group1", 1234L));
		m.put("LeaveGroupWithTracingId", new LeaveGroupMessage("conn11", "group2", 1234L));
		m.put("UserJoinGroupWithTracingId", new UserJoinGroupMessage("conn10", "group1", null, 1234L));
		m.put("UserLeaveGroupWithTracingId", new UserLeaveGroupMessage("conn11", "group2", 1234L));
		m.put("MultiGroupBroadcastWithTracingId",
				new MultiGroupBroadcastDataMessage(List.of("group4", "group5"), PD, 1234L, null));
		m.put("JoinGroupWithAckWithTracingId", new JoinGroupWithAckMessage("conn14", "group1", 1, 1234L));
		m.put("LeaveGroupWithAckWithTracingId", new LeaveGroupWithAckMessage("conn15", "group2", 1, 1234L));
		m.put("UserJoinGroupWithAckWithTracingId", new UserJoinGroupWithAckMessage("conn14", "group1", 1, 666, 1234L));
		m.put("UserLeaveGroupWithAckWithTracingId", new UserLeaveGroupWithAckMessage("conn15", "group2", 1, 1234L));
		m.put("CheckUserInGroupWithAckWithMessage", new CheckUserInGroupWithAckMessage("user", "group", 3, 1234L));
		m.put("ServiceWarningMessage", new ServiceEventMessage(2, "abc", 2, "User abc is not existed."));
		m.put("CheckGroupExistenceWithAckMessage", new CheckGroupExistenceWithAckMessage("group", 0, 3L));
		m.put("CheckConnectionExistenceWithAckMessage", new CheckConnectionExistenceWithAckMessage("connId", 1, 2L));
		m.put("CheckUserExistenceWithAckMessage", new CheckUserExistenceWithAckMessage("uid", 4, 23L));
		m.put("CloseConnectionWithAckMessage", new CloseConnectionWithAckMessage("conn1", null, 1, null));
		m.put("CloseConnectionWithAckMessage_WithOptional",
				new CloseConnectionWithAckMessage("conn1", "detail", 1, 1L));
		m.put("CloseConnectionsWithAckMessage", new CloseConnectionsWithAckMessage(null, 1, List.of(), null));
		m.put("CloseConnectionsWithAckMessage_WithOptional",
				new CloseConnectionsWithAckMessage(null, 1, List.of("connId"), 1L));
		m.put("CloseUserConnectionsWithAckMessage",
				new CloseUserConnectionsWithAckMessage("user1", null, 1, List.of(), null));
		m.put("CloseUserConnectionsWithAckMessage_WithOptional",
				new CloseUserConnectionsWithAckMessage("conn1", "detail", 1, List.of(), 1L));
		m.put("CloseGroupConnectionsWithAckMessage",
				new CloseGroupConnectionsWithAckMessage("group1", null, 1, List.of(), null));
		m.put("CloseGroupConnectionsWithAckMessage_WithOptional",
				new CloseGroupConnectionsWithAckMessage("group1", "detail", 1, List.of(), 1L));
		m.put("ClientInvocationMessage", new ClientInvocationMessage("invocationId", "conn1", "server1", PC));
		m.put("ClientCompletionMessage", new ClientCompletionMessage("invocationId", "conn1", "server1", "json",
				bytes(2, 3, 4, 5, 6, 7, 1)));
		m.put("ErrorCompletionMessage",
				new ErrorCompletionMessage("invocationId", "conn1", "server1", "invocation failed.", null));
		m.put("ServiceMappingMessage", new ServiceMappingMessage("invocationId", "conn1", "instance1"));
		m.put("Newer.HandshakeRequest", new HandshakeRequestMessage(1, 0, "", 0, false));
		m.put("Newer.HandshakeRequestWithProperty", new HandshakeRequestMessage(1, 1, "abc", 0, false));
		m.put("Newer.HandshakeRequestWithMigratableStatus", new HandshakeRequestMessage(1, 0, "", 1, false));
		m.put("Newer.HandshakeRequestWithStatefulReconnects", new HandshakeRequestMessage(1, 0, "", 0, true));
		m.put("Newer.AckWithPayload", new AckMessage(2, 0, "", bytes(1, 2, 3)));
		m.put("Newer.ConnectionFlowControlMessage-1", new ConnectionFlowControlMessage("conn1", 1, 1));
		m.put("Newer.ConnectionFlowControlMessage-2", new ConnectionFlowControlMessage("conn2", 2, 4));
		m.put("Newer.GroupMemberQueryMessage", new GroupMemberQueryMessage("group", 1, 10, "token", 1234L));
		return m;
	}

}
