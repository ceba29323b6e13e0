package io.github.springsignalr.service.protocol;

/**
 * A message the service answers with an {@link AckMessage} of the same {@link #ackId() ack id}.
 */
public interface AckableMessage {

	/**
	 * The id the service's {@link AckMessage} repeats; the sender chooses it, unique among its pending acks.
	 */
	int ackId();

}
