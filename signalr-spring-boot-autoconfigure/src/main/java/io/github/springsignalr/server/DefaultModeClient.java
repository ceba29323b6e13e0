package io.github.springsignalr.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.upstream.InvocationContext;
import io.github.springsignalr.upstream.UpstreamEventDispatcher;
import io.github.springsignalr.upstream.UpstreamResponse;

/**
 * One client of a hub, carried by a server connection: the application is its hub server. The client's first bytes
 * are its handshake request, answered {@code {}} (or with an error, then closed); then its invocations go to the
 * {@code @SignalRMessage} methods through the upstream's dispatcher, whose completion (result, error or void) in the
 * client's protocol goes back as it is, and its connected and disconnected events to the other annotated methods.
 * Hub calls of one client run one after the other, off the socket's thread.
 */
final class DefaultModeClient {

	private static final Log logger = LogFactory.getLog(DefaultModeClient.class);

	private final String hub;

	private final OpenedClient opened;

	private final ClientSink sink;

	private final UpstreamEventDispatcher dispatcher;

	private final JsonMapper json;

	private final Executor executor;

	private final Clock clock;

	private final HubFrames frames = HubFrames.create();

	private final StringBuilder handshake = new StringBuilder();

	private volatile boolean handshaken;

	private volatile boolean messagePack;

	private volatile boolean closed;

	private volatile Instant lastReceived;

	private volatile Instant lastPinged;

	private CompletableFuture<?> calls = CompletableFuture.completedFuture(null);

	DefaultModeClient(String hub, OpenedClient opened, ClientSink sink, UpstreamEventDispatcher dispatcher,
			JsonMapper json, Executor executor, Clock clock) {
		this.hub = hub;
		this.opened = opened;
		this.sink = sink;
		this.dispatcher = dispatcher;
		this.json = json;
		this.executor = executor;
		this.clock = clock;
		this.lastReceived = clock.instant();
		this.lastPinged = clock.instant();
	}

	String connectionId() {
		return this.opened.connectionId();
	}

	synchronized void received(byte[] data) {
		if (this.closed) {
			return;
		}
		this.lastReceived = this.clock.instant();
		byte[] rest = data;
		if (!this.handshaken) {
			int separator = indexOf(data, HubFrames.RECORD_SEPARATOR);
			if (separator < 0) {
				this.handshake.append(new String(data, StandardCharsets.UTF_8));
				return;
			}
			this.handshake.append(new String(data, 0, separator, StandardCharsets.UTF_8));
			if (!handshake(this.handshake.toString())) {
				return;
			}
			rest = Arrays.copyOfRange(data, separator + 1, data.length);
		}
		try {
			List<byte[]> messages = this.messagePack ? this.frames.messagePack(rest) : this.frames.json(rest);
			for (byte[] message : messages) {
				handle(message);
			}
		}
		catch (IllegalArgumentException ex) {
			closeWithError("Connection closed with an error. InvalidDataException: " + ex.getMessage());
		}
	}

	private boolean handshake(String request) {
		String protocol;
		int version;
		try {
			JsonNode node = this.json.readTree(request);
			protocol = node.path("protocol").asString(null);
			version = node.path("version").asInt(-1);
		}
		catch (RuntimeException ex) {
			refuse("Handshake request is not a JSON object.");
			return false;
		}
		if (!"json".equals(protocol) && !"messagepack".equals(protocol)) {
			refuse("The protocol '" + protocol + "' is not supported.");
			return false;
		}
		if (version < 1 || version > 2) {
			refuse("The server does not support version " + version + " of the '" + protocol + "' protocol.");
			return false;
		}
		this.messagePack = "messagepack".equals(protocol);
		this.handshaken = true;
		this.sink.send(connectionId(), "{}\u001e".getBytes(StandardCharsets.UTF_8));
		chain(() -> this.dispatcher.dispatch(context(UpstreamEventDispatcher.CONNECTIONS,
				UpstreamEventDispatcher.CONNECTED), "{\"type\":10}".getBytes(StandardCharsets.UTF_8)));
		return true;
	}

	private void refuse(String error) {
		String answer = "{\"error\":" + this.json.writeValueAsString(error) + "}\u001e";
		this.sink.send(connectionId(), answer.getBytes(StandardCharsets.UTF_8));
		this.closed = true;
		this.sink.close(connectionId(), error);
	}

	private void handle(byte[] message) {
		HubFrames.Header header = this.messagePack ? HubFrames.messagePackHeader(message)
				: HubFrames.jsonHeader(message, this.json);
		if (header.type() == HubFrames.INVOCATION && header.target() != null) {
			InvocationContext context = context(UpstreamEventDispatcher.MESSAGES, header.target());
			boolean binary = this.messagePack;
			chain(() -> {
				UpstreamResponse response = this.dispatcher.dispatch(context, message, binary);
				if (response.body() != null && !this.closed) {
					this.sink.send(connectionId(), response.body());
				}
				return response;
			});
		}
		else if (header.type() == HubFrames.CLOSE) {
			this.closed = true;
			this.sink.close(connectionId(), null);
			disconnected(null);
		}
	}

	/**
	 * The service closed the connection (the client went).
	 */
	void closedByService(@Nullable String error) {
		if (!this.closed) {
			this.closed = true;
			disconnected(error);
		}
	}

	/**
	 * Pings a client that has had no message for {@code keepAlive}, and closes one silent for {@code timeout}.
	 */
	void tick(Duration keepAlive, Duration timeout) {
		if (!this.handshaken || this.closed) {
			return;
		}
		Instant now = this.clock.instant();
		if (Duration.between(this.lastReceived, now).compareTo(timeout) > 0) {
			closeWithError("Server timeout elapsed without receiving a message from the client.");
			return;
		}
		if (Duration.between(this.lastPinged, now).compareTo(keepAlive) >= 0) {
			this.lastPinged = now;
			this.sink.send(connectionId(), HubFrames.ping(this.messagePack));
		}
	}

	private void closeWithError(String error) {
		if (this.closed) {
			return;
		}
		this.sink.send(connectionId(), closeMessage(error));
		this.closed = true;
		this.sink.close(connectionId(), error);
		disconnected(error);
	}

	private byte[] closeMessage(String error) {
		if (!this.messagePack) {
			return ("{\"type\":7,\"error\":" + this.json.writeValueAsString(error) + "}\u001e")
				.getBytes(StandardCharsets.UTF_8);
		}
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			packer.packArrayHeader(3).packInt(HubFrames.CLOSE).packString(error).packBoolean(false);
			byte[] body = packer.toByteArray();
			byte[] framed = new byte[body.length + 5];
			int offset = 0;
			int length = body.length;
			do {
				int b = length & 0x7f;
				length >>>= 7;
				framed[offset++] = (byte) ((length != 0) ? (b | 0x80) : b);
			}
			while (length != 0);
			System.arraycopy(body, 0, framed, offset, body.length);
			return Arrays.copyOf(framed, offset + body.length);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void disconnected(String error) {
		if (!this.handshaken) {
			return;
		}
		String body = (error != null) ? "{\"Type\":11,\"Error\":" + this.json.writeValueAsString(error) + "}"
				: "{\"Type\":11}";
		chain(() -> this.dispatcher.dispatch(context(UpstreamEventDispatcher.CONNECTIONS,
				UpstreamEventDispatcher.DISCONNECTED), body.getBytes(StandardCharsets.UTF_8)));
	}

	private InvocationContext context(String category, String event) {
		return new InvocationContext(this.hub, category, event, connectionId(), this.opened.userId(),
				this.opened.query(), this.opened.claims(), this.opened.headers(), null);
	}

	private synchronized void chain(Supplier<Object> call) {
		this.calls = this.calls.handle((result, failure) -> null).thenApplyAsync((ignored) -> {
			try {
				return call.get();
			}
			catch (RuntimeException ex) {
				logger.error("A hub call of a client of hub '" + this.hub + "' failed", ex);
				return null;
			}
		}, this.executor);
	}

	private static int indexOf(byte[] data, byte value) {
		for (int i = 0; i < data.length; i++) {
			if (data[i] == value) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public String toString() {
		return "DefaultModeClient[" + this.hub + "/" + connectionId() + "]";
	}

}
