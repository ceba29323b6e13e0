package io.github.springsignalr.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.springsignalr.service.protocol.CloseConnectionMessage;
import io.github.springsignalr.service.protocol.ConnectionDataMessage;
import io.github.springsignalr.service.protocol.HandshakeRequestMessage;
import io.github.springsignalr.service.protocol.HandshakeResponseMessage;
import io.github.springsignalr.service.protocol.OpenConnectionMessage;
import io.github.springsignalr.service.protocol.PingMessage;
import io.github.springsignalr.service.protocol.ServiceErrorMessage;
import io.github.springsignalr.service.protocol.ServiceMessage;
import io.github.springsignalr.service.protocol.ServiceMessageDecoder;
import io.github.springsignalr.service.protocol.ServiceMessageEncoder;
import io.github.springsignalr.service.protocol.ServiceProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket server connection to the service, from the handshake to its end: service messages in, the clients
 * it carries, pings, and the end of all of them together (the service drops the clients of a connection that fails,
 * and so does this side). Writes go out one after the other, in order.
 */
final class ServerConnection implements WebSocket.Listener, ClientSink {

	private static final Log logger = LogFactory.getLog(ServerConnection.class);

	private static final ServiceMessageEncoder encoder = new ServiceMessageEncoder();

	private final ServerConnectionContext context;

	private final String hub;

	private final ServiceMessageDecoder decoder = new ServiceMessageDecoder();

	private final Map<String, DefaultModeClient> clients = new ConcurrentHashMap<>();

	private final CompletableFuture<Void> handshaken = new CompletableFuture<>();

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	private ByteBuffer pending = ByteBuffer.allocate(0);

	private CompletableFuture<?> writes = CompletableFuture.completedFuture(null);

	private volatile @Nullable WebSocket socket;

	private volatile Instant lastReceived;

	private volatile Instant lastPinged = Instant.EPOCH;

	private volatile @Nullable String finAck;

	private final String keyId;

	private volatile boolean replaced;

	private volatile boolean retiring;

	/**
	 * @param keyId the id of the key its token is signed with, or {@code null}
	 */
	ServerConnection(ServerConnectionContext context, String hub, String keyId) {
		this.context = context;
		this.hub = hub;
		this.keyId = keyId;
		this.lastReceived = context.clock().instant();
	}

	/**
	 * Opens the WebSocket with a fresh token, sends the handshake request and waits for its answer.
	 * @return completes when the handshake succeeded; fails otherwise
	 */
	CompletableFuture<Void> connect(HttpClient http, URI url, String token, String serverName) {
		http.newWebSocketBuilder()
			.header("Authorization", "Bearer " + token)
			.header("X-ASRS-Server-Id", serverName)
			.connectTimeout(this.context.options().handshakeTimeout())
			.buildAsync(url, this)
			.thenAccept((webSocket) -> {
				this.socket = webSocket;
				write(new HandshakeRequestMessage(ServiceMessageEncoder.PROTOCOL_VERSION));
			})
			.exceptionally((ex) -> {
				this.handshaken.completeExceptionally(ex);
				end();
				return null;
			});
		this.handshaken.orTimeout(this.context.options().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((ok, failure) -> {
				if (failure != null) {
					end();
				}
			});
		return this.handshaken;
	}

	CompletableFuture<Void> ended() {
		return this.ended;
	}

	boolean isConnected() {
		return this.handshaken.isDone() && !this.handshaken.isCompletedExceptionally() && !this.ended.isDone();
	}

	int clientCount() {
		return this.clients.size();
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		synchronized (this) {
			this.lastReceived = this.context.clock().instant();
			ByteBuffer buffer = ByteBuffer.allocate(this.pending.remaining() + data.remaining());
			buffer.put(this.pending).put(data).flip();
			try {
				ServiceMessage message;
				while ((message = this.decoder.decode(buffer)) != null) {
					handle(message);
				}
			}
			catch (ServiceProtocolException ex) {
				logger.warn("The service sent what is not a service message on a connection of hub '" + this.hub
						+ "': closing it (" + ex.getMessage() + ")");
				end();
			}
			this.pending = buffer.slice();
		}
		webSocket.request(1);
		return null;
	}

	private void handle(ServiceMessage message) {
		if (!this.handshaken.isDone()) {
			if (message instanceof HandshakeResponseMessage response && response.isSuccess()) {
				this.handshaken.complete(null);
			}
			else {
				String error = (message instanceof HandshakeResponseMessage response) ? response.errorMessage()
						: "the first message was " + message.getClass().getSimpleName();
				this.handshaken.completeExceptionally(new IllegalStateException("Handshake refused: " + error));
				end();
			}
			return;
		}
		if (message instanceof OpenConnectionMessage open) {
			DefaultModeClient client = new DefaultModeClient(this.hub, OpenedClient.of(open), this,
					this.context.dispatcher(), this.context.json(), this.context.executor(), this.context.clock());
			this.clients.put(open.connectionId(), client);
		}
		else if (message instanceof ConnectionDataMessage data) {
			DefaultModeClient client = this.clients.get(data.connectionId());
			if (client != null) {
				client.received(data.payload());
			}
		}
		else if (message instanceof CloseConnectionMessage close) {
			DefaultModeClient client = this.clients.remove(close.connectionId());
			if (client != null) {
				String error = close.errorMessage();
				client.closedByService((error == null || error.isEmpty()) ? null : error);
			}
		}
		else if (message instanceof PingMessage ping) {
			ping.value("shutdown").filter("finack"::equals).ifPresent((value) -> this.finAck = value);
		}
		else if (message instanceof ServiceErrorMessage error) {
			logger.warn("The service reported an error on a connection of hub '" + this.hub + "': "
					+ error.errorMessage());
		}
		else {
			this.context.acks().handle(message);
		}
	}

	/**
	 * Pings the service, closes the connection after a silence of the service, and ticks every client.
	 */
	void tick() {
		if (!isConnected()) {
			return;
		}
		ServerConnectionOptions options = this.context.options();
		Instant now = this.context.clock().instant();
		if (Duration.between(this.lastReceived, now).compareTo(options.serviceTimeout()) > 0) {
			logger.warn("No message from the service for " + options.serviceTimeout() + " on a connection of hub '"
					+ this.hub + "': closing it");
			end();
			return;
		}
		if (Duration.between(this.lastPinged, now).compareTo(options.pingInterval()) >= 0) {
			this.lastPinged = now;
			write(PingMessage.KEEP_ALIVE);
		}
		this.clients.values()
			.forEach((client) -> client.tick(options.clientKeepAliveInterval(), options.clientTimeout()));
	}

	boolean finAcked() {
		return this.finAck != null;
	}

	String keyId() {
		return this.keyId;
	}

	/**
	 * Whether a connection signed with the endpoint's newer key has been started to take this one's place; from then
	 * on this one is never reconnected.
	 */
	boolean isReplaced() {
		return this.replaced;
	}

	void replaced() {
		this.replaced = true;
	}

	/**
	 * Tells the service to route no new client here ({@code shutdown fin:2}, as a graceful shutdown does): the clients
	 * it has stay until they go.
	 */
	void retire() {
		if (!this.retiring && isConnected()) {
			this.retiring = true;
			write(PingMessage.of("shutdown", "fin:2"));
		}
	}

	/**
	 * Whether it was retired, the service has acknowledged it, and its last client has gone: it may be closed.
	 */
	boolean isDrained() {
		return this.retiring && finAcked() && this.clients.isEmpty();
	}

	@Override
	public void send(String connectionId, byte[] payload) {
		write(new ConnectionDataMessage(connectionId, payload));
	}

	@Override
	public void close(String connectionId, String error) {
		if (this.clients.remove(connectionId) != null) {
			write(new CloseConnectionMessage(connectionId, (error != null) ? error : ""));
		}
	}

	synchronized CompletableFuture<?> write(ServiceMessage message) {
		WebSocket webSocket = this.socket;
		if (webSocket == null || this.ended.isDone()) {
			return CompletableFuture.failedFuture(new IllegalStateException("The server connection is closed"));
		}
		byte[] bytes = encoder.encode(message);
		this.writes = this.writes.handle((result, failure) -> null)
			.thenCompose((ignored) -> webSocket.sendBinary(ByteBuffer.wrap(bytes), true));
		return this.writes;
	}

	@Override
	public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		end();
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		logger.debug("A server connection of hub '" + this.hub + "' failed", error);
		end();
	}

	/**
	 * Ends the connection and every client it carried.
	 */
	void end() {
		if (!this.ended.complete(null)) {
			return;
		}
		this.handshaken.completeExceptionally(new IllegalStateException("The server connection ended"));
		WebSocket webSocket = this.socket;
		if (webSocket != null && !webSocket.isOutputClosed()) {
			webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally((ex) -> null);
			webSocket.abort();
		}
		List<DefaultModeClient> carried = List.copyOf(this.clients.values());
		this.clients.clear();
		carried.forEach((client) -> client.closedByService("The server connection to the service was lost."));
	}

	@Override
	public String toString() {
		return "ServerConnection[" + this.hub + "]";
	}

}
