package io.github.springsignalr.service.protocol;

import java.util.Objects;

/**
 * Tells a server which service instance a client invocation went through ({@code [37, invocationId, connectionId,
 * instanceId, ext]}).
 *
 * @param invocationId the invocation's id
 * @param connectionId the client's connection id
 * @param instanceId the service instance
 */
public record ServiceMappingMessage(String invocationId, String connectionId,
		String instanceId) implements ServiceMessage {

	public ServiceMappingMessage {
		Objects.requireNonNull(invocationId, "invocationId");
		Objects.requireNonNull(connectionId, "connectionId");
		Objects.requireNonNull(instanceId, "instanceId");
	}

}
