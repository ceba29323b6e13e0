package io.github.springsignalr.emulator.serverconnection;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import io.github.springsignalr.emulator.hub.ClientConnection;
import io.github.springsignalr.emulator.hub.Hub;
import io.github.springsignalr.emulator.hub.SessionTimers;
import io.github.springsignalr.service.protocol.CloseConnectionMessage;
import io.github.springsignalr.service.protocol.ConnectionDataMessage;
import io.github.springsignalr.service.protocol.HandshakeRequestMessage;
import io.github.springsignalr.service.protocol.HandshakeResponseMessage;
import io.github.springsignalr.service.protocol.PingMessage;
import io.github.springsignalr.service.protocol.ServiceMessage;
import io.github.springsignalr.service.protocol.ServiceMessageDecoder;
import io.github.springsignalr.service.protocol.ServiceMessageEncoder;
import io.github.springsignalr.service.protocol.ServiceProtocolException;

/**
 * One server connection's WebSocket, from the handshake to the end: service messages in binary WebSocket messages
 * whose boundaries need not be the messages', a handshake request first (version 1, a default or weak connection),
 * pings every few seconds, the server dropped after a silence, and its clients dropped with it.
 */
final class ServerSession {

	/** The largest message a server may send; the protocol allows 2 GB, the service documents 1 MB per message. */
	static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

	private static final int WEAK_TYPE = 2;

	private static final Logger logger = LoggerFactory.getLogger(ServerSession.class);

	private final ServerConnection connection;

	private final ServerConnections registry;

	private final Hub hub;

	private final ServerMessages messages;

	private final ServerSettings settings;

	private final Clock clock;

	private final ServiceMessageDecoder decoder = new ServiceMessageDecoder(MAX_MESSAGE_SIZE);

	private ByteBuffer pending = ByteBuffer.allocate(0);

	private volatile boolean handshaken;

	private volatile Instant lastReceived;

	ServerSession(ServerConnection connection, ServerConnections registry, Hub hub, ServerSettings settings,
			Clock clock) {
		this.connection = connection;
		this.registry = registry;
		this.hub = hub;
		this.messages = new ServerMessages(hub, connection);
		this.settings = settings;
		this.clock = clock;
		this.lastReceived = clock.instant();
	}

	Publisher<Void> run(WebsocketInbound in, WebsocketOutbound out) {
		SessionTimers timers = SessionTimers.start(this.settings.handshakeTimeout(), () -> this.handshaken, () -> {
			logger.debug("{} sent no handshake request in time: dropped", this.connection);
			this.connection.drop();
		}, this.settings.pingInterval(), this::ping);
		Mono<Void> inbound = in.receive().asByteArray().doOnNext(this::received).then();
		Mono<Void> outbound = out
			.sendObject(this.connection.outbound().map((bytes) -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))))
			.then();
		return Mono.firstWithSignal(inbound, outbound).onErrorResume((ex) -> {
			logger.debug("{} failed: {}", this.connection, ex.toString());
			return Mono.empty();
		}).doFinally((signal) -> {
			timers.dispose();
			ended();
		});
	}

	private synchronized void received(byte[] data) {
		this.lastReceived = this.clock.instant();
		ByteBuffer buffer = ByteBuffer.allocate(this.pending.remaining() + data.length);
		buffer.put(this.pending).put(data).flip();
		try {
			ServiceMessage message;
			while (!this.connection.isClosed() && (message = this.decoder.decode(buffer)) != null) {
				handle(message);
			}
		}
		catch (ServiceProtocolException ex) {
			logger.debug("{} sent what is not a service message: dropped ({})", this.connection, ex.getMessage());
			this.connection.drop();
		}
		this.pending = buffer.slice();
	}

	private void handle(ServiceMessage message) {
		if (!this.handshaken) {
			handshake(message);
			return;
		}
		if (message instanceof PingMessage ping) {
			ping.value("shutdown").filter((value) -> value.startsWith("fin:")).ifPresent((value) -> shutdown());
		}
		else if (message instanceof ConnectionDataMessage data) {
			RoutedClient client = this.connection.client(data.connectionId());
			if (client != null) {
				client.fromServer(data.payload());
			}
			else {
				ClientConnection other = this.hub.connection(data.connectionId());
				if (other != null) {
					other.sendAsIs(data.payload());
				}
			}
		}
		else if (message instanceof CloseConnectionMessage close) {
			RoutedClient client = this.connection.forget(close.connectionId());
			if (client != null) {
				client.closedByServer();
			}
		}
		else if (!this.messages.handle(message)) {
			// Unknown types and messages a server has no reason to send are ignored, as the SDK ignores them.
			logger.trace("{} sent {}: ignored", this.connection, message.getClass().getSimpleName());
		}
	}

	private void handshake(ServiceMessage message) {
		if (!(message instanceof HandshakeRequestMessage request)) {
			logger.debug("{} began with {}, not a handshake request: dropped", this.connection,
					message.getClass().getSimpleName());
			this.connection.drop();
			return;
		}
		String error = null;
		if (request.version() != ServiceMessageEncoder.PROTOCOL_VERSION) {
			error = "Version mismatch.";
		}
		else if (request.connectionType() != ServerConnection.DEFAULT_TYPE && request.connectionType() != WEAK_TYPE) {
			// On-demand connections (type 1) answer a "target" ping, which this emulator never sends.
			error = "Connection type " + request.connectionType() + " is not accepted.";
		}
		if (error != null) {
			logger.debug("{} refused at handshake: {}", this.connection, error);
			this.connection.send(new HandshakeResponseMessage(error, null));
			this.connection.drop();
			return;
		}
		this.handshaken = true;
		this.connection.handshaken(request.connectionType());
		this.connection.send(new HandshakeResponseMessage());
		this.registry.add(this.connection);
		logger.debug("{} connected (type {})", this.connection, request.connectionType());
	}

	/**
	 * A graceful shutdown: no new client is routed here; the server is told it may go.
	 */
	private void shutdown() {
		this.connection.handshaken(-1);
		this.connection.send(PingMessage.of("shutdown", "finack"));
	}

	private void ping() {
		Duration silence = Duration.between(this.lastReceived, this.clock.instant());
		if (silence.compareTo(this.settings.serverTimeout()) > 0) {
			logger.debug("{} silent for {}: dropped", this.connection, silence);
			this.connection.drop();
			return;
		}
		if (this.handshaken) {
			this.connection.send(PingMessage.KEEP_ALIVE);
		}
	}

	private void ended() {
		this.connection.drop();
		this.registry.remove(this.connection);
		this.connection.dropClients();
		logger.debug("{} ended", this.connection);
	}

}
