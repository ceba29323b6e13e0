package io.github.springsignalr.emulator.hub;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A client connected to a hub, seen from the side that sends to it: the messages queued for its WebSocket, in the
 * client's hub protocol. Messages are given as JSON records and written as MessagePack for a client that chose that
 * protocol at its handshake. Safe to send to from any thread.
 */
public final class ClientConnection {

	private final String id;

	private final String hub;

	private final @Nullable String userId;

	private final Sinks.Many<Frame> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private volatile boolean messagePack;

	private boolean closed;

	private @Nullable String closeReason;

	/**
	 * @param id the connection id
	 * @param hub the hub's name, lower-cased
	 * @param userId the user id, or {@code null} for an anonymous connection
	 */
	public ClientConnection(String id, String hub, @Nullable String userId) {
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
	public @Nullable String userId() {
		return this.userId;
	}

	/**
	 * Whether the client speaks the MessagePack hub protocol (else JSON).
	 */
	public boolean isMessagePack() {
		return this.messagePack;
	}

	/**
	 * The name of the client's hub protocol, as payloads per protocol are keyed: {@code messagepack} or {@code json}.
	 */
	public String protocol() {
		return this.messagePack ? "messagepack" : "json";
	}

	/**
	 * Switches to the MessagePack hub protocol, once the handshake asked for it: binary frames from then on.
	 */
	public void useMessagePack() {
		this.messagePack = true;
	}

	/**
	 * Queues {@code records} (one or more JSON records, each ending with the record separator), written in the
	 * client's protocol. Ignored once closed.
	 */
	public synchronized void send(String records) {
		if (!this.closed) {
			this.outbound.tryEmitNext(this.messagePack ? new Frame(MessagePackMessages.fromJson(records), true)
					: new Frame(records.getBytes(StandardCharsets.UTF_8), false));
		}
	}

	/**
	 * Queues bytes that are already messages of the client's protocol, framed, as an upstream answered them: sent
	 * as they are, in a binary frame to a MessagePack client and a text frame to a JSON one. Ignored once closed.
	 */
	public synchronized void sendAsIs(byte[] messages) {
		if (!this.closed) {
			this.outbound.tryEmitNext(new Frame(messages, this.messagePack));
		}
	}

	/**
	 * Sends a close message and ends the stream of records, which closes the WebSocket.
	 * @param error why, or {@code null} for a normal close
	 */
	public synchronized void close(String error) {
		if (!this.closed) {
			this.closeReason = error;
			send(HubMessages.close(error));
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
	 * The frames to write to the WebSocket. Subscribe once.
	 */
	public Flux<Frame> outbound() {
		return this.outbound.asFlux();
	}

	/**
	 * One WebSocket frame's payload.
	 *
	 * @param payload the bytes
	 * @param binary whether a binary frame (MessagePack) rather than a text frame (JSON)
	 */
	public record Frame(byte[] payload, boolean binary) {

	}

	@Override
	public String toString() {
		return "ClientConnection[" + this.hub + "/" + this.id + "]";
	}

}
