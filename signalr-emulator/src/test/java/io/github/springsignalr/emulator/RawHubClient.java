package io.github.springsignalr.emulator;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bare SignalR client over the JDK's WebSocket, to look at the protocol record by record: negotiate, connect,
 * handshake, and every record received (pings included) in a queue.
 */
public final class RawHubClient implements AutoCloseable {

	public static final char RS = '\u001e';

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final BlockingQueue<String> records = new LinkedBlockingQueue<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final StringBuilder partial = new StringBuilder();

	private final BlockingQueue<byte[]> binaryFrames = new LinkedBlockingQueue<>();

	private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();

	private final String connectionId;

	private volatile int closeStatus = -1;

	private WebSocket webSocket;

	private RawHubClient(String connectionId) {
		this.connectionId = connectionId;
	}

	/**
	 * Negotiates (version 1) and opens the WebSocket with the token in the {@code Authorization} header, without the
	 * handshake.
	 */
	public static RawHubClient connect(SignalREmulator emulator, String hub, String token) {
		return connect(emulator, hub, token, "");
	}

	/**
	 * Negotiates and opens the WebSocket as {@link #connect(SignalREmulator, String, String)} does, with
	 * {@code query} (starting with {@code &}) added to the WebSocket's URL.
	 */
	public static RawHubClient connect(SignalREmulator emulator, String hub, String token, String query) {
		HttpResponse<String> negotiate = RestCalls.send(HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + "/client/negotiate?hub=" + hub + "&negotiateVersion=1"))
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		if (negotiate.statusCode() != 200) {
			throw new IllegalStateException("Negotiate answered " + negotiate.statusCode());
		}
		JsonNode answer = json.readTree(negotiate.body());
		RawHubClient client = new RawHubClient(answer.get("connectionId").asString());
		String url = "ws://localhost:" + emulator.port() + "/client/?hub=" + hub + "&id="
				+ answer.get("connectionToken").asString() + query;
		client.open(URI.create(url), token, true);
		return client;
	}

	/**
	 * Opens a WebSocket at {@code url} as is, the token in the header when {@code inHeader}, else not at all.
	 */
	public static RawHubClient open(String url, String token) {
		RawHubClient client = new RawHubClient(null);
		client.open(URI.create(url), token, token != null);
		return client;
	}

	/**
	 * The status of a refused WebSocket upgrade, or -1 if it opened (and was closed again).
	 */
	public static int upgradeStatus(String url, String token) {
		WebSocket.Builder builder = http.newWebSocketBuilder();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		try {
			builder.buildAsync(URI.create(url), new WebSocket.Listener() {
			}).get(5, TimeUnit.SECONDS).abort();
			return -1;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException handshake) {
				return handshake.getResponse().statusCode();
			}
			throw new IllegalStateException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void open(URI url, String token, boolean inHeader) {
		WebSocket.Builder builder = http.newWebSocketBuilder();
		if (inHeader) {
			builder.header("Authorization", "Bearer " + token);
		}
		try {
			this.webSocket = builder.buildAsync(url, new Listener()).get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The WebSocket did not open", ex);
		}
	}

	public String connectionId() {
		return this.connectionId;
	}

	/**
	 * Sends the JSON protocol's handshake and checks the answer is {@code {}}.
	 */
	public RawHubClient handshake() {
		send("{\"protocol\":\"json\",\"version\":1}" + RS);
		String answer = nextRecord();
		if (!"{}".equals(answer)) {
			throw new IllegalStateException("Handshake answered " + answer);
		}
		return this;
	}

	/**
	 * Sends the MessagePack protocol's handshake (JSON text, as every handshake) and checks the answer, which comes
	 * in a binary frame, is {@code {}}.
	 */
	public RawHubClient handshakeMessagePack() {
		send("{\"protocol\":\"messagepack\",\"version\":1}" + RS);
		String answer = new String(nextBinary(), StandardCharsets.UTF_8);
		if (!("{}" + RS).equals(answer)) {
			throw new IllegalStateException("Handshake answered " + answer);
		}
		return this;
	}

	/**
	 * Sends bytes as one binary frame.
	 */
	public void sendBinary(byte[] data) {
		this.webSocket.sendBinary(ByteBuffer.wrap(data), true).join();
	}

	/**
	 * The payload of the next binary frame, whole; fails after 5 seconds.
	 */
	public byte[] nextBinary() {
		try {
			byte[] frame = this.binaryFrames.poll(5, TimeUnit.SECONDS);
			if (frame == null) {
				throw new IllegalStateException("No binary frame within 5 seconds");
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends text as one frame.
	 */
	public void send(String text) {
		this.webSocket.sendText(text, true).join();
	}

	/**
	 * The next record, pings included, without its separator; fails after 5 seconds.
	 */
	public String nextRecord() {
		try {
			String record = this.records.poll(5, TimeUnit.SECONDS);
			if (record == null) {
				throw new IllegalStateException("No record within 5 seconds");
			}
			return record;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The next message that is not a ping.
	 */
	public JsonNode nextMessage() {
		while (true) {
			JsonNode message = json.readTree(nextRecord());
			if (message.path("type").asInt() != 6) {
				return message;
			}
		}
	}

	/**
	 * Whether a record arrives within {@code timeout}, pings aside.
	 */
	public boolean receivesMessageWithin(Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < end) {
			String record = this.records.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (record != null && json.readTree(record).path("type").asInt() != 6) {
				return true;
			}
		}
		return false;
	}

	public boolean awaitClosed(Duration timeout) throws InterruptedException {
		return this.closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public int closeStatus() {
		return this.closeStatus;
	}

	@Override
	public void close() {
		if (this.webSocket != null && !this.webSocket.isOutputClosed()) {
			this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally((ex) -> null);
		}
	}

	private final class Listener implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			synchronized (RawHubClient.this.partial) {
				RawHubClient.this.partial.append(data);
				int separator;
				while ((separator = RawHubClient.this.partial.indexOf(String.valueOf(RS))) >= 0) {
					RawHubClient.this.records.add(RawHubClient.this.partial.substring(0, separator));
					RawHubClient.this.partial.delete(0, separator + 1);
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			synchronized (RawHubClient.this.partialBinary) {
				byte[] bytes = new byte[data.remaining()];
				data.get(bytes);
				RawHubClient.this.partialBinary.writeBytes(bytes);
				if (last) {
					RawHubClient.this.binaryFrames.add(RawHubClient.this.partialBinary.toByteArray());
					RawHubClient.this.partialBinary.reset();
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			RawHubClient.this.closeStatus = statusCode;
			RawHubClient.this.closed.countDown();
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			RawHubClient.this.closed.countDown();
		}

	}

}
