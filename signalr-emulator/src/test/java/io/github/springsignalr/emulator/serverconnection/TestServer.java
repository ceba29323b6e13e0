package io.github.springsignalr.emulator.serverconnection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.JWTClaimsSet;

import io.github.springsignalr.emulator.Tokens;
import io.github.springsignalr.service.protocol.HandshakeResponseMessage;
import io.github.springsignalr.service.protocol.PingMessage;
import io.github.springsignalr.service.protocol.ServiceMessage;
import io.github.springsignalr.service.protocol.ServiceMessageDecoder;
import io.github.springsignalr.service.protocol.ServiceMessageEncoder;

/**
 * A minimal application server for tests, on the shared codec and the JDK's WebSocket: it connects to
 * {@code /server/?hub=…} with a token as the .NET SDK writes it, and queues every message it receives. Keep-alive
 * pings are queued apart, so that tests read the messages they wait for.
 */
final class TestServer implements WebSocket.Listener, AutoCloseable {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final ServiceMessageEncoder encoder = new ServiceMessageEncoder();

	private final ServiceMessageDecoder decoder = new ServiceMessageDecoder();

	final BlockingQueue<ServiceMessage> received = new LinkedBlockingQueue<>();

	final BlockingQueue<PingMessage> pings = new LinkedBlockingQueue<>();

	final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private ByteBuffer pending = ByteBuffer.allocate(0);

	private WebSocket socket;

	/**
	 * The token the .NET SDK writes for a server: {@code aud} {@code {scheme}://{host}/server/?hub={hub}},
	 * {@code nameid} the server's id.
	 */
	static String token(String key, String audience, String serverId) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().audience(audience)
			.notBeforeTime(Date.from(now))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(1))));
		if (serverId != null) {
			claims.claim("nameid", serverId);
		}
		return Tokens.sign(key, claims.build());
	}

	/**
	 * Opens the WebSocket; the upgrade's status when refused.
	 */
	static TestServer connect(URI endpoint, String hub, String token) throws Exception {
		TestServer server = new TestServer();
		URI uri = URI.create("ws://" + endpoint.getHost() + ":" + endpoint.getPort() + "/server/?hub=" + hub
				+ "&cid=" + UUID.randomUUID());
		server.socket = http.newWebSocketBuilder()
			.header("Authorization", "Bearer " + token)
			.buildAsync(uri, server)
			.get(10, TimeUnit.SECONDS);
		return server;
	}

	void send(ServiceMessage message) {
		this.socket.sendBinary(ByteBuffer.wrap(this.encoder.encode(message)), true).join();
	}

	void sendRaw(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
	}

	/**
	 * The next message that is not a keep-alive ping, or {@code null} after {@code seconds}.
	 */
	ServiceMessage next(int seconds) throws InterruptedException {
		return this.received.poll(seconds, TimeUnit.SECONDS);
	}

	<T extends ServiceMessage> T next(Class<T> type) throws InterruptedException {
		ServiceMessage message = next(10);
		if (!type.isInstance(message)) {
			throw new AssertionError("Expected a " + type.getSimpleName() + ", got " + message);
		}
		return type.cast(message);
	}

	HandshakeResponseMessage handshake(ServiceMessage request) throws InterruptedException {
		send(request);
		return next(HandshakeResponseMessage.class);
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		ByteBuffer buffer = ByteBuffer.allocate(this.pending.remaining() + data.remaining());
		buffer.put(this.pending).put(data).flip();
		ServiceMessage message;
		while ((message = this.decoder.decode(buffer)) != null) {
			if (message instanceof PingMessage ping) {
				this.pings.add(ping);
				if (ping.messages().isEmpty()) {
					continue;
				}
			}
			this.received.add(message);
		}
		this.pending = buffer.slice();
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete(-1);
	}

	@Override
	public void close() {
		if (this.socket.isOutputClosed()) {
			return;
		}
		try {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
		}
		catch (CompletionException ex) {
			// The emulator closed first and the JDK answered its close in the meantime: closed either way.
			if (!this.socket.isOutputClosed()) {
				throw ex;
			}
		}
	}

}
