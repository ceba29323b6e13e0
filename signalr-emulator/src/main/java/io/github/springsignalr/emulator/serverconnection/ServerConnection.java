package io.github.springsignalr.emulator.serverconnection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import io.github.springsignalr.service.protocol.CloseConnectionMessage;
import io.github.springsignalr.service.protocol.ConnectionDataMessage;
import io.github.springsignalr.service.protocol.OpenConnectionMessage;
import io.github.springsignalr.service.protocol.ServiceMessage;
import io.github.springsignalr.service.protocol.ServiceMessageEncoder;

/**
 * One application server's connection to a hub, seen from the emulator: the service messages queued for its
 * WebSocket and the clients routed to it. Safe to use from any thread.
 */
public final class ServerConnection {

	/** The connection type that carries clients (the SDK's {@code ServerConnectionType.Default}). */
	static final int DEFAULT_TYPE = 0;

	private static final ServiceMessageEncoder encoder = new ServiceMessageEncoder();

	private final String hub;

	private final String serverId;

	private final Sinks.Many<byte[]> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Map<String, RoutedClient> clients = new ConcurrentHashMap<>();

	private final String keyFingerprint;

	private volatile int type = -1;

	private boolean closed;

	/**
	 * @param keyFingerprint the fingerprint of the access key its token was signed with, or {@code null} (a temporary
	 * key, a Microsoft Entra token)
	 */
	ServerConnection(String hub, String serverId, String keyFingerprint) {
		this.hub = hub;
		this.serverId = serverId;
		this.keyFingerprint = keyFingerprint;
	}

	/**
	 * Whether its token was signed with the access key of this fingerprint.
	 */
	boolean isSignedWith(String fingerprint) {
		return fingerprint != null && fingerprint.equals(this.keyFingerprint);
	}

	public String hub() {
		return this.hub;
	}

	/**
	 * The server's id: the {@code nameid} of its token.
	 */
	public String serverId() {
		return this.serverId;
	}

	void handshaken(int connectionType) {
		this.type = connectionType;
	}

	/**
	 * Whether clients are routed to this connection: a default one after its handshake.
	 */
	public boolean carriesClients() {
		return this.type == DEFAULT_TYPE && !isClosed();
	}

	/**
	 * Routes a client to this server: {@code OpenConnection}, then its bytes as {@code ConnectionData}.
	 */
	public void open(RoutedClient client, OpenConnectionMessage open) {
		this.clients.put(client.connectionId(), client);
		send(open);
	}

	/**
	 * Bytes from the client, forwarded as they came.
	 */
	public void clientData(String connectionId, byte[] data) {
		send(new ConnectionDataMessage(connectionId, data));
	}

	/**
	 * The client went: the server is told unless it closed the connection itself.
	 * @param error why, or {@code null} for a normal close
	 */
	public void clientClosed(String connectionId, String error) {
		if (this.clients.remove(connectionId) != null) {
			send(new CloseConnectionMessage(connectionId, (error != null) ? error : ""));
		}
	}

	@Nullable RoutedClient client(String connectionId) {
		return this.clients.get(connectionId);
	}

	/**
	 * The server closed a client: forgotten here, so that its going is not reported back.
	 */
	RoutedClient forget(String connectionId) {
		return this.clients.remove(connectionId);
	}

	synchronized void send(ServiceMessage message) {
		if (!this.closed) {
			this.outbound.tryEmitNext(encoder.encode(message));
		}
	}

	/**
	 * Ends the connection: its WebSocket closes, and its clients are dropped.
	 */
	public synchronized void drop() {
		this.closed = true;
		this.outbound.tryEmitComplete();
	}

	synchronized boolean isClosed() {
		return this.closed;
	}

	/**
	 * Drops every client routed here, as the service does when a server connection fails.
	 */
	void dropClients() {
		List<RoutedClient> routed = List.copyOf(this.clients.values());
		this.clients.clear();
		routed.forEach(RoutedClient::serverLost);
	}

	Flux<byte[]> outbound() {
		return this.outbound.asFlux();
	}

	@Override
	public String toString() {
		return "ServerConnection[" + this.hub + "/" + this.serverId + "]";
	}

}
