package io.github.springsignalr.service.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Input that is not a valid service protocol message: a bad length prefix, a message over the size limit, or an item
 * of the wrong MessagePack type. The message names the message type and the item, never a value, since values may be
 * a client's data or a token.
 */
public class ServiceProtocolException extends RuntimeException {

	public ServiceProtocolException(String message) {
		super(message);
	}

	public ServiceProtocolException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
