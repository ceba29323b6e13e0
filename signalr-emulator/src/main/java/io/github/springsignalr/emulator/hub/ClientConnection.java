package io.github.springsignalr.emulator.hub;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A client connected to a hub, seen from the side that sends to it: the records queued for its WebSocket.
 * Safe to send to from any thread.
 */
public final class ClientConnection {

	private final String id;

	private final String hub;

	private final String userId;

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private boolean closed;

	private String closeReason;

	/**
	 * @param id the connection id
	 * @param hub the hub's name, lower-cased
	 * @param userId the user id, or {@code null} for an anonymous connection
	 */
	public ClientConnection(String id, String hub, String userId) {
		this.id = id;
		this.hub = hub;
		this.userId = userId;
	}

	public String id() {
		return this.id;
	}

	public String hub() {
		return this.hub;
	}

	/**
	 * The user id, or {@code null} for an anonymous connection.
	 */
	public String userId() {
		return this.userId;
	}

	/**
	 * Queues {@code records} (one or more, each ending with the record separator). Ignored once closed.
	 */
	public synchronized void send(String records) {
		if (!this.closed) {
			this.outbound.tryEmitNext(records);
		}
	}

	/**
	 * Sends a close message and ends the stream of records, which closes the WebSocket.
	 * @param error why, or {@code null} for a normal close
	 */
	public synchronized void close(String error) {
		if (!this.closed) {
			this.closeReason = error;
			this.outbound.tryEmitNext(HubMessages.close(error));
			end();
		}
	}

	/**
	 * The error this side closed the connection with, or {@code null}.
	 */
	public synchronized String closeReason() {
		return this.closeReason;
	}

	/**
	 * Ends the stream of records without a close message, when the client has gone.
	 */
	public synchronized void end() {
		this.closed = true;
		this.outbound.tryEmitComplete();
	}

	public synchronized boolean isClosed() {
		return this.closed;
	}

	/**
	 * The records to write to the WebSocket, one frame each. Subscribe once.
	 */
	public Flux<String> outbound() {
		return this.outbound.asFlux();
	}

	@Override
	public String toString() {
		return "ClientConnection[" + this.hub + "/" + this.id + "]";
	}

}
