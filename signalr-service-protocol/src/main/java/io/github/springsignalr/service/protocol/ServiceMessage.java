package io.github.springsignalr.service.protocol;

/**
 * A message of the service protocol, between an application server and Azure SignalR Service. Each type number of
 * {@code ServiceProtocolConstants} has one record; {@link UnknownMessage} stands for a type this version does not
 * know.
 */
public sealed interface ServiceMessage permits HandshakeRequestMessage, HandshakeResponseMessage, PingMessage,
		OpenConnectionMessage, CloseConnectionMessage, ConnectionDataMessage, MultiConnectionDataMessage,
				UserDataMessage,
		MultiUserDataMessage, BroadcastDataMessage, JoinGroupMessage, LeaveGroupMessage, GroupBroadcastDataMessage,
		MultiGroupBroadcastDataMessage, ServiceErrorMessage, UserJoinGroupMessage, UserLeaveGroupMessage,
		JoinGroupWithAckMessage, LeaveGroupWithAckMessage, AckMessage, CheckUserInGroupWithAckMessage,
		ServiceEventMessage, CheckGroupExistenceWithAckMessage, CheckConnectionExistenceWithAckMessage,
		CheckUserExistenceWithAckMessage, UserJoinGroupWithAckMessage, UserLeaveGroupWithAckMessage,
		AccessKeyRequestMessage, AccessKeyResponseMessage, CloseConnectionWithAckMessage,
		CloseConnectionsWithAckMessage, CloseUserConnectionsWithAckMessage, CloseGroupConnectionsWithAckMessage,
		ClientInvocationMessage, ClientCompletionMessage, ErrorCompletionMessage, ServiceMappingMessage,
		ConnectionReconnectMessage, ConnectionFlowControlMessage, GroupMemberQueryMessage, UnknownMessage {

}
