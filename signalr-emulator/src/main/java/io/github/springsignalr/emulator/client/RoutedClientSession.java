package io.github.springsignalr.emulator.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import io.github.springsignalr.emulator.hub.ClientConnection;
import io.github.springsignalr.emulator.hub.Hub;
import io.github.springsignalr.emulator.hub.HubMessages;
import io.github.springsignalr.emulator.serverconnection.RoutedClient;
import io.github.springsignalr.emulator.serverconnection.ServerConnection;
import io.github.springsignalr.service.protocol.OpenConnectionMessage;
import io.github.springsignalr.service.protocol.OpenConnectionMessage.Claim;

/**
 * A client of a hub that has server connections, in default mode: the emulator reads only the client's handshake
 * request, to learn its hub protocol, then opens the connection on one server connection ({@code OpenConnection}
 * with the token's claims, the headers and the query) and forwards everything the client sent, the handshake first,
 * as {@code ConnectionData}. The server answers the handshake, pings the client and closes it; the emulator passes
 * its bytes on as they are, and counts the client in the hub (for messages to all, users and groups) from the
 * server's answer to its handshake on.
 */
final class RoutedClientSession implements RoutedClient {

	private static final Logger logger = LoggerFactory.getLogger(RoutedClientSession.class);

	private final ClientConnection connection;

	private final Hub hub;

	private final ServerConnection server;

	private final List<Claim> claims;

	private final Map<String, List<String>> headers;

	private final String query;

	private final SessionSettings settings;

	/** What the client sent before the end of its handshake request. */
	private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();

	private volatile boolean opened;

	/** Whether the client is in the hub: after the server's first bytes to it, its handshake answer. */
	private boolean joined;

	RoutedClientSession(ClientConnection connection, Hub hub, ServerConnection server, List<Claim> claims,
			Map<String, List<String>> headers, String query, SessionSettings settings) {
		this.connection = connection;
		this.hub = hub;
		this.server = server;
		this.claims = claims;
		this.headers = headers;
		this.query = query;
		this.settings = settings;
	}

	@Override
	public String connectionId() {
		return this.connection.id();
	}

	Publisher<Void> run(WebsocketInbound in, WebsocketOutbound out) {
		Disposable handshakeTimer = Mono.delay(this.settings.handshakeTimeout()).subscribe((tick) -> {
			if (!this.opened) {
				this.connection.end();
			}
		});
		Mono<Void> inbound = in.aggregateFrames(ClientSession.MAX_MESSAGE_SIZE)
			.receive()
			.asByteArray()
			.doOnNext(this::received)
			.then();
		Mono<Void> outbound = out.sendObject(this.connection.outbound()
			.map((frame) -> frame.binary() ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.payload()))
					: new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.payload()))))
			.then();
		return Mono.firstWithSignal(inbound, outbound).onErrorResume((ex) -> Mono.empty()).doFinally((signal) -> {
			handshakeTimer.dispose();
			ended();
		});
	}

	private synchronized void received(byte[] data) {
		if (this.opened) {
			this.server.clientData(this.connection.id(), data);
			return;
		}
		this.handshake.writeBytes(data);
		byte[] received = this.handshake.toByteArray();
		int separator = indexOf(received, (byte) HubMessages.RECORD_SEPARATOR);
		if (separator < 0) {
			return;
		}
		String protocol = protocol(new String(received, 0, separator, StandardCharsets.UTF_8));
		if ("messagepack".equals(protocol)) {
			this.connection.useMessagePack();
		}
		this.opened = true;
		this.server.open(this, new OpenConnectionMessage(this.connection.id(), this.claims, this.headers, this.query,
				protocol, null));
		this.server.clientData(this.connection.id(), received);
		logger.debug("{} routed to {} ({})", this.connection, this.server, protocol);
	}

	/**
	 * The protocol the handshake asks for, or {@code null} when it is not readable: the server then refuses it.
	 */
	private static @Nullable String protocol(String handshake) {
		try {
			return HubMessages.parse(handshake).path("protocol").asString(null);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static int indexOf(byte[] data, byte value) {
		for (int i = 0; i < data.length; i++) {
			if (data[i] == value) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Passes the server's bytes on. The first are its answer to the handshake: only then does the client join the
	 * hub, so that a broadcast, a user's or a group's message cannot reach it before that answer, which the client
	 * would take for the answer (and then fail on the real one).
	 */
	@Override
	public synchronized void fromServer(byte[] payload) {
		this.connection.sendAsIs(payload);
		if (!this.joined && !this.connection.isClosed()) {
			this.joined = true;
			this.hub.add(this.connection);
		}
	}

	@Override
	public void closedByServer() {
		this.connection.end();
	}

	@Override
	public void serverLost() {
		this.connection.close("The application server's connection to the service was lost.");
	}

	private synchronized void ended() {
		this.connection.end();
		if (this.opened) {
			this.hub.remove(this.connection);
			this.server.clientClosed(this.connection.id(), this.connection.closeReason());
		}
	}

}
