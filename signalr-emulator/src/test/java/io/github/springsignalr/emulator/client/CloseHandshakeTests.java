package io.github.springsignalr.emulator.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.RestCalls;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket's closing handshake, frame by frame over a bare socket: the emulator's close frame leaves the TCP
 * connection open until the client's close arrives, so that a client closing at the same moment (the Java client's
 * stop() writes its close record, then its close frame) never writes on a socket the emulator already closed; the
 * client's close then ends the connection, without a second close frame.
 */
class CloseHandshakeTests {

	private static final char RS = '\u001e';

	private static final int TEXT = 0x1;

	private static final int CLOSE = 0x8;

	/** How long a connection that is to stay open is watched for an end. */
	private static final int STILL_OPEN_MILLIS = 300;

	private static SignalREmulator emulator;

	private static RestCalls rest;

	@BeforeAll
	static void start() {
		emulator = SignalREmulator.builder().port(0).build().start();
		rest = new RestCalls(emulator);
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void closeRecordIsAnsweredWithCloseThatWaitsForTheClients() throws Exception {
		try (BareWebSocket client = BareWebSocket.open("records")) {
			client.handshake();
			client.sendText("{\"type\":7}" + RS);
			assertThat(client.nextFrameUntilClose()).isEqualTo(1000);
			assertThat(client.isStillOpen()).as("TCP connection open until the client's close").isTrue();
			client.sendClose(1000);
			assertThat(client.endsWithoutMoreFrames()).as("connection ended, no second close frame").isTrue();
		}
		await().until(() -> emulator.connectionIds("records").isEmpty());
	}

	@Test
	void closeThroughRestApiWaitsForTheClients() throws Exception {
		try (BareWebSocket client = BareWebSocket.open("rest")) {
			client.handshake();
			await().until(() -> emulator.connectionIds("rest").size() == 1);
			String connectionId = emulator.connectionIds("rest").get(0);
			assertThat(rest.call("DELETE", "/api/hubs/rest/connections/" + connectionId + "?api-version=2022-06-01",
					null)
				.statusCode()).isEqualTo(200);
			assertThat(client.nextFrameUntilClose()).isEqualTo(1000);
			assertThat(client.isStillOpen()).as("TCP connection open until the client's close").isTrue();
			client.sendClose(1000);
			assertThat(client.endsWithoutMoreFrames()).as("connection ended, no second close frame").isTrue();
		}
		await().until(() -> emulator.connectionIds("rest").isEmpty());
	}

	@Test
	void clientsCloseFrameIsAnsweredOnceAndEndsTheConnection() throws Exception {
		try (BareWebSocket client = BareWebSocket.open("frames")) {
			client.handshake();
			client.sendClose(1000);
			assertThat(client.nextFrameUntilClose()).isEqualTo(1000);
			assertThat(client.endsWithoutMoreFrames()).as("connection ended, no second close frame").isTrue();
		}
		await().until(() -> emulator.connectionIds("frames").isEmpty());
	}

	@Test
	void clientThatNeverAnswersTheCloseIsDisconnectedAfterAMoment() throws Exception {
		try (BareWebSocket client = BareWebSocket.open("silent")) {
			client.handshake();
			client.sendText("{\"type\":7}" + RS);
			assertThat(client.nextFrameUntilClose()).isEqualTo(1000);
			client.socket.setSoTimeout((int) Duration.ofSeconds(15).toMillis());
			assertThat(client.in.read()).as("end of the TCP connection").isEqualTo(-1);
		}
		await().until(() -> emulator.connectionIds("silent").isEmpty());
	}

	/**
	 * A WebSocket client on a plain socket (RFC 6455 framing, client frames masked), to see what the server does
	 * between the close frames and the end of the TCP connection.
	 */
	private static final class BareWebSocket implements AutoCloseable {

		private final Socket socket;

		private final DataInputStream in;

		private final OutputStream out;

		private BareWebSocket(Socket socket) throws IOException {
			this.socket = socket;
			this.in = new DataInputStream(socket.getInputStream());
			this.out = socket.getOutputStream();
		}

		static BareWebSocket open(String hub) throws IOException {
			String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience(hub), "u1");
			Socket socket = new Socket("localhost", emulator.port());
			socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
			BareWebSocket client = new BareWebSocket(socket);
			byte[] key = new byte[16];
			ThreadLocalRandom.current().nextBytes(key);
			String request = "GET /client/?hub=" + hub + " HTTP/1.1\r\nHost: localhost:" + emulator.port()
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nAuthorization: Bearer "
					+ token + "\r\n\r\n";
			client.out.write(request.getBytes(StandardCharsets.US_ASCII));
			client.out.flush();
			String headers = readHeaders(client.in);
			assertThat(headers).startsWith("HTTP/1.1 101");
			return client;
		}

		void handshake() throws IOException {
			sendText("{\"protocol\":\"json\",\"version\":1}" + RS);
			assertThat(nextText()).isEqualTo("{}" + RS);
		}

		void sendText(String text) throws IOException {
			send(TEXT, text.getBytes(StandardCharsets.UTF_8));
		}

		void sendClose(int status) throws IOException {
			send(CLOSE, new byte[] { (byte) (status >> 8), (byte) status });
		}

		private void send(int opcode, byte[] payload) throws IOException {
			assertThat(payload.length).isLessThan(126);
			byte[] mask = new byte[4];
			ThreadLocalRandom.current().nextBytes(mask);
			ByteArrayOutputStream frame = new ByteArrayOutputStream();
			frame.write(0x80 | opcode);
			frame.write(0x80 | payload.length);
			frame.write(mask);
			for (int i = 0; i < payload.length; i++) {
				frame.write(payload[i] ^ mask[i % 4]);
			}
			this.out.write(frame.toByteArray());
			this.out.flush();
		}

		String nextText() throws IOException {
			Frame frame = nextFrame();
			assertThat(frame.opcode).isEqualTo(TEXT);
			return new String(frame.payload, StandardCharsets.UTF_8);
		}

		/**
		 * Skips records (pings, the close record) up to the close frame.
		 * @return the close frame's status
		 */
		int nextFrameUntilClose() throws IOException {
			Frame frame = nextFrame();
			while (frame.opcode != CLOSE) {
				frame = nextFrame();
			}
			assertThat(frame.payload.length).isGreaterThanOrEqualTo(2);
			return ((frame.payload[0] & 0xff) << 8) | (frame.payload[1] & 0xff);
		}

		private Frame nextFrame() throws IOException {
			int first = this.in.readUnsignedByte();
			int second = this.in.readUnsignedByte();
			assertThat(second & 0x80).as("server frames are not masked").isZero();
			long length = second & 0x7f;
			if (length == 126) {
				length = this.in.readUnsignedShort();
			}
			else if (length == 127) {
				length = this.in.readLong();
			}
			byte[] payload = new byte[(int) length];
			this.in.readFully(payload);
			return new Frame(first & 0x0f, payload);
		}

		/**
		 * Whether the server leaves the connection open (sends nothing and does not end it) for a moment.
		 */
		boolean isStillOpen() throws IOException {
			this.socket.setSoTimeout(STILL_OPEN_MILLIS);
			try {
				this.in.read();
				return false;
			}
			catch (SocketTimeoutException ex) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
			finally {
				this.socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
			}
		}

		/**
		 * Whether the server ends the connection with nothing more sent.
		 */
		boolean endsWithoutMoreFrames() throws IOException {
			try {
				return this.in.read() == -1;
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

		private static String readHeaders(InputStream in) throws IOException {
			ByteArrayOutputStream headers = new ByteArrayOutputStream();
			int matched = 0;
			while (matched < 4) {
				int b = in.read();
				if (b == -1) {
					throw new EOFException("Connection ended in the upgrade's response: " + headers);
				}
				headers.write(b);
				matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
			}
			return headers.toString(StandardCharsets.US_ASCII);
		}

		private record Frame(int opcode, byte[] payload) {
		}

	}

}
