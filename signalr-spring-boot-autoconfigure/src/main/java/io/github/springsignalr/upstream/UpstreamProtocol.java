package io.github.springsignalr.upstream;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A hub protocol as the upstream sees it: the service POSTs a client's invocation in the client's protocol and relays
 * the answer to the client unchanged, so the completion must be a whole message of that protocol, framing included.
 */
interface UpstreamProtocol {

	/**
	 * The media type of the bodies, {@code application/json} or {@code application/x-msgpack}.
	 */
	String contentType();

	/**
	 * Reads an invocation body.
	 * @throws IllegalArgumentException when the body is not one message of this protocol
	 */
	Message read(byte[] body);

	/**
	 * A completion of {@code invocationId}, framed as the client reads it.
	 * @param result the method's value as a tree, or {@code null} for a void method
	 * @param error the error to complete with, or {@code null}
	 */
	byte[] completion(String invocationId, JsonNode result, String error);

	/**
	 * One message of the hub protocol as far as an upstream reads it.
	 *
	 * @param type the message type (1 for an invocation)
	 * @param invocationId the invocation id, or {@code null} for an invocation that waits for no answer
	 * @param target the invocation's target, or {@code null}
	 * @param arguments the arguments, in order
	 */
	record Message(int type, @Nullable String invocationId, @Nullable String target, List<JsonNode> arguments) {

	}

}
