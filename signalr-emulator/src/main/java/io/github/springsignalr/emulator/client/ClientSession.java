package io.github.springsignalr.emulator.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.msgpack.value.ArrayValue;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;

import io.github.springsignalr.emulator.hub.ClientConnection;
import io.github.springsignalr.emulator.hub.Hub;
import io.github.springsignalr.emulator.hub.HubMessages;
import io.github.springsignalr.emulator.hub.MessagePackMessages;
import io.github.springsignalr.emulator.hub.SessionTimers;
import io.github.springsignalr.emulator.upstream.UpstreamClient;
import io.github.springsignalr.emulator.upstream.UpstreamContext;

/**
 * One client's WebSocket, from the handshake to the close: the hub protocol's messages in (JSON records in text
 * frames, or VarInt-framed MessagePack arrays in binary frames for a client whose handshake asked for
 * {@code messagepack}), pings and messages out in the same protocol, and the upstream told of the connection, its
 * invocations and its end, in that order.
 */
final class ClientSession {

	static final int MAX_MESSAGE_SIZE = 1024 * 1024;

	private static final int NORMAL_CLOSURE = 1000;

	/** How long a client has to answer the server's close before the connection is dropped. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(ClientSession.class);

	private final ClientConnection connection;

	private final Hub hub;

	private final UpstreamClient upstream;

	private final UpstreamContext upstreamContext;

	private final SessionSettings settings;

	private final Clock clock;

	/** The text received and not yet read: a partial JSON record, or a partial handshake. */
	private final StringBuilder pending = new StringBuilder();

	/** The bytes received from a MessagePack client and not yet read: a partial message. */
	private final ByteArrayOutputStream pendingBinary = new ByteArrayOutputStream();

	private volatile boolean handshaken;

	private volatile Instant lastReceived;

	private volatile @Nullable String closeError;

	/**
	 * Whether the client's close message or close frame has arrived: the client closed the connection, and what the
	 * transport reports after that (the channel going inactive before reactor-netty terminated the inbound) is no
	 * error of the client's; its disconnected event carries the close message's error, or none.
	 */
	private volatile boolean clientClosed;

	/** Upstream calls of this connection, one after the other. */
	private CompletableFuture<?> upstreamCalls = CompletableFuture.completedFuture(null);

	ClientSession(ClientConnection connection, Hub hub, UpstreamClient upstream, UpstreamContext upstreamContext,
			SessionSettings settings, Clock clock) {
		this.connection = connection;
		this.hub = hub;
		this.upstream = upstream;
		this.upstreamContext = upstreamContext;
		this.settings = settings;
		this.clock = clock;
		this.lastReceived = clock.instant();
	}

	Publisher<Void> run(WebsocketInbound in, WebsocketOutbound out) {
		SessionTimers timers = SessionTimers.start(this.settings.handshakeTimeout(), () -> this.handshaken, () -> {
			this.closeError = "Handshake was canceled.";
			this.connection.end();
		}, this.settings.keepAliveInterval(), this::keepAlive);
		in.withConnection((connection) -> connection.addHandlerLast(SingleCloseFrame.NAME,
				new SingleCloseFrame(() -> this.clientClosed = true)));
		// The client's close (or its going away) ends the records out; the end of the records out sends a normal
		// close (1000) and leaves the client a moment to answer it. The TCP connection stays open until the client's
		// close arrives (reactor-netty then closes it) or the moment is over: reactor-netty's sendClose would close
		// it as soon as the close frame is written, and a client that is itself closing (the Java client's stop()
		// sends its close record, then its close frame) would then write on a closed socket, and fail.
		Mono<Void> inbound = in.aggregateFrames(MAX_MESSAGE_SIZE)
			.receive()
			.asByteArray()
			.doOnNext(this::received)
			.then()
			.doFinally((signal) -> this.connection.end());
		Mono<Void> outbound = out.sendObject(this.connection.outbound().map(ClientSession::webSocketFrame))
			.then()
			.then(Mono.defer(() -> sendClose(out)))
			.cache();
		Mono<Void> closeTimeout = outbound.then(Mono.delay(CLOSE_TIMEOUT)).then();
		return Mono.firstWithSignal(Mono.when(inbound, outbound), closeTimeout)
			.onErrorResume((ex) -> {
				if (this.clientClosed) {
					logger.debug("{} closed by the client, then: {}", this.connection, ex.toString());
				}
				else if (this.closeError == null) {
					this.closeError = ex.getMessage();
				}
				return Mono.empty();
			})
			.doFinally((signal) -> {
				timers.dispose();
				ended();
			});
	}

	/**
	 * Writes a normal close without closing the connection. A close that cannot be written any more (the client
	 * closed first, or went away) is no error of the session's.
	 */
	private Mono<Void> sendClose(WebsocketOutbound out) {
		return out.sendObject(Mono.fromSupplier(() -> new CloseWebSocketFrame(NORMAL_CLOSURE, "")))
			.then()
			.onErrorResume((ex) -> {
				logger.debug("{}: close not written ({})", this.connection, ex.toString());
				return Mono.empty();
			});
	}

	private static WebSocketFrame webSocketFrame(ClientConnection.Frame frame) {
		return frame.binary() ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.payload()))
				: new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.payload()));
	}

	private void received(byte[] data) {
		this.lastReceived = this.clock.instant();
		byte[] rest = data;
		if (!this.handshaken) {
			// The handshake is a JSON record whatever the protocol; what follows it is in the protocol it chose.
			int separator = indexOf(data, (byte) HubMessages.RECORD_SEPARATOR);
			if (separator < 0) {
				this.pending.append(new String(data, StandardCharsets.UTF_8));
				return;
			}
			this.pending.append(new String(data, 0, separator, StandardCharsets.UTF_8));
			String request = this.pending.toString();
			this.pending.setLength(0);
			try {
				handshake(HubMessages.parse(request));
			}
			catch (IllegalArgumentException ex) {
				logger.debug("{} sent a handshake that is not a JSON object", this.connection);
				fail("Connection closed with an error. InvalidDataException: " + ex.getMessage());
			}
			if (!this.handshaken || this.connection.isClosed()) {
				return;
			}
			rest = Arrays.copyOfRange(data, separator + 1, data.length);
			if (rest.length == 0) {
				return;
			}
		}
		if (this.connection.isMessagePack()) {
			receivedBinary(rest);
		}
		else {
			receivedText(new String(rest, StandardCharsets.UTF_8));
		}
	}

	private void receivedText(String text) {
		for (String record : HubMessages.split(this.pending, text)) {
			if (this.connection.isClosed()) {
				return;
			}
			try {
				JsonNode message = HubMessages.parse(record);
				// The record as the client framed it: the upstream gets the client's frame.
				dispatch(message.path("type").asInt(-1), message.path("invocationId").asString(null),
						message.path("target").asString(null), message.path("error").asString(null),
						(record + HubMessages.RECORD_SEPARATOR).getBytes(StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				logger.debug("{} sent a record that is not a JSON object", this.connection);
				fail("Connection closed with an error. InvalidDataException: " + ex.getMessage());
			}
		}
	}

	private void receivedBinary(byte[] data) {
		this.pendingBinary.writeBytes(data);
		try {
			for (byte[] payload : MessagePackMessages.split(this.pendingBinary, MAX_MESSAGE_SIZE)) {
				if (this.connection.isClosed()) {
					return;
				}
				ArrayValue message = MessagePackMessages.parse(payload);
				int type = message.get(0).asIntegerValue().toInt();
				// [1|4, headers, invocationId, target, …]; [7, error, allowReconnect]
				boolean invocation = type == HubMessages.INVOCATION || type == HubMessages.STREAM_INVOCATION;
				// The message without its length, as Microsoft's emulator POSTs it and the Functions extension
				// reads it: an upstream never sees the client's VarInt.
				dispatch(type, invocation ? MessagePackMessages.string(message, 2) : null,
						invocation ? MessagePackMessages.string(message, 3) : null,
						(type == HubMessages.CLOSE) ? MessagePackMessages.string(message, 1) : null, payload);
			}
		}
		catch (IllegalArgumentException ex) {
			logger.debug("{} sent bytes that are not a MessagePack hub message", this.connection);
			fail("Connection closed with an error. InvalidDataException: " + ex.getMessage());
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

	private void handshake(JsonNode request) {
		String protocol = request.path("protocol").asString(null);
		int version = request.path("version").asInt(-1);
		boolean messagePack = "messagepack".equals(protocol);
		if (!"json".equals(protocol) && !messagePack) {
			refuseHandshake("The protocol '" + protocol + "' is not supported.");
			return;
		}
		// JSON has versions 1 and 2 (2 adds nothing a serverless hub uses); MessagePack has 1 and 2 as well.
		if (version < 1 || version > 2) {
			refuseHandshake("The server does not support version " + version + " of the '" + protocol
					+ "' protocol.");
			return;
		}
		this.handshaken = true;
		if (messagePack) {
			this.connection.useMessagePack();
			this.connection.sendAsIs(HubMessages.HANDSHAKE_ACCEPTED.getBytes(StandardCharsets.UTF_8));
		}
		else {
			this.connection.send(HubMessages.HANDSHAKE_ACCEPTED);
		}
		this.hub.add(this.connection);
		logger.debug("{} connected (user {}, {})", this.connection, this.connection.userId(), protocol);
		if (this.upstream.isEnabled()) {
			chain(() -> this.upstream.connected(this.upstreamContext));
		}
	}

	private void refuseHandshake(String error) {
		logger.debug("{} refused at handshake: {}", this.connection, error);
		this.closeError = error;
		this.connection.send(HubMessages.handshakeError(error));
		this.connection.end();
	}

	/**
	 * Acts on one message of the client.
	 * @param error the error of a close message, else {@code null}
	 * @param message the message as the upstream gets it
	 */
	private void dispatch(int type, @Nullable String invocationId, @Nullable String target, @Nullable String error,
			byte[] message) {
		switch (type) {
			case HubMessages.INVOCATION -> invoke(target, invocationId, message);
			case HubMessages.STREAM_INVOCATION -> {
				if (invocationId != null) {
					this.connection.send(HubMessages.completion(invocationId,
							"Streaming is not supported in serverless mode."));
				}
			}
			case HubMessages.CLOSE -> {
				// The client said goodbye (the Java client's stop() sends a close message, then closes its WebSocket,
				// which may go before its close frame is read): the error, if any, is the message's.
				this.clientClosed = true;
				this.closeError = error;
				this.connection.end();
			}
			case -1 -> fail("Connection closed with an error. InvalidDataException: Missing required property 'type'.");
			// Pings, completions, stream items and cancellations need no answer in serverless mode.
			default -> {
			}
		}
	}

	private void invoke(String target, @Nullable String invocationId, byte @Nullable [] message) {
		if (target == null || target.isEmpty()) {
			fail("Connection closed with an error. InvalidDataException: Missing required property 'target'.");
			return;
		}
		if (!this.upstream.isEnabled()) {
			logger.debug("{} invoked {} but no upstream is configured: dropped", this.connection, target);
			return;
		}
		boolean messagePack = this.connection.isMessagePack();
		chain(() -> this.upstream.invoke(this.upstreamContext, target, invocationId, message, messagePack)
			.thenAccept((answer) -> {
				if (answer != null) {
					this.connection.sendAsIs(answer);
				}
			}));
	}

	private void keepAlive() {
		if (!this.handshaken) {
			return;
		}
		Duration silence = Duration.between(this.lastReceived, this.clock.instant());
		if (silence.compareTo(this.settings.clientTimeout()) > 0) {
			this.closeError = "Server timeout elapsed without receiving a message from the client.";
			this.connection.close(this.closeError);
			return;
		}
		this.connection.send(HubMessages.ping());
	}

	private void fail(String error) {
		this.closeError = error;
		this.connection.close(error);
	}

	private void ended() {
		this.connection.end();
		if (!this.handshaken) {
			return;
		}
		this.hub.remove(this.connection);
		logger.debug("{} disconnected", this.connection);
		if (this.upstream.isEnabled()) {
			String error = (this.closeError != null) ? this.closeError : this.connection.closeReason();
			chain(() -> this.upstream.disconnected(this.upstreamContext, error));
		}
	}

	private synchronized void chain(Supplier<CompletableFuture<?>> call) {
		this.upstreamCalls = this.upstreamCalls.handle((result, failure) -> null).thenCompose((ignored) -> call.get());
	}

}
