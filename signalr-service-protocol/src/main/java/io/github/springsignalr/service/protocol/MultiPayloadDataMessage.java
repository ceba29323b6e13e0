package io.github.springsignalr.service.protocol;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A message that carries one framed hub message per hub protocol, as the SDK's {@code MultiPayloadDataMessage} does:
 * each client gets the payload of the protocol it speaks.
 */
public interface MultiPayloadDataMessage {

	/**
	 * One framed hub message per hub protocol name (json, messagepack), in the order written; arrays not copied.
	 */
	Map<String, byte[]> payloads();

	/**
	 * The payload for a hub protocol, its name ignoring case as the SDK's reader does; {@code null} when absent.
	 */
	default byte @Nullable [] payload(String protocol) {
		return ProtocolValues.lookup(payloads(), protocol);
	}

}
