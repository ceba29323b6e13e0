package io.github.springsignalr.service.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ServiceMessageDecoder}: input cut anywhere or holding several messages, the SDK's tolerance of
 * what it does not know, and errors that name the item at fault.
 */
class ServiceMessageDecoderTests {

	private final ServiceMessageEncoder encoder = new ServiceMessageEncoder();

	private final ServiceMessageDecoder decoder = new ServiceMessageDecoder();

	private final List<ServiceMessage> messages = List.of(new HandshakeResponseMessage(), PingMessage.of("echo", "1"),
			new OpenConnectionMessage("conn1", List.of()),
			new ConnectionDataMessage("conn1", "{\"protocol\":\"json\",\"version\":1}\u001e".getBytes()),
			new AckMessage(7, AckMessage.OK), new ConnectionDataMessage("conn1", new byte[300]),
			new CloseConnectionMessage("conn1"));

	@Test
	void inputCutAtEveryByteNeedsMoreAndThenDecodesEveryMessage() {
		byte[] stream = concat(this.messages.stream().map(this.encoder::encode).toList());
		for (int cut = 0; cut <= stream.length; cut++) {
			List<ServiceMessage> decoded = new ArrayList<>();
			ByteBuffer buffer = ByteBuffer.allocate(stream.length);
			buffer.put(stream, 0, cut).flip();
			drain(buffer, decoded);
			int consumed = buffer.position();
			ByteBuffer rest = ByteBuffer.allocate(stream.length - consumed);
			rest.put(buffer).put(stream, cut, stream.length - cut).flip();
			drain(rest, decoded);
			assertThat(decoded).as("cut at %d", cut).isEqualTo(this.messages);
			assertThat(rest.hasRemaining()).isFalse();
		}
	}

	@Test
	void severalMessagesInOneBufferAreReadOneByOne() {
		ByteBuffer buffer = ByteBuffer.wrap(concat(this.messages.stream().map(this.encoder::encode).toList()));
		List<ServiceMessage> decoded = new ArrayList<>();
		drain(buffer, decoded);
		assertThat(decoded).isEqualTo(this.messages);
	}

	@Test
	void incompleteMessageLeavesThePositionAlone() {
		byte[] framed = this.encoder.encode(new JoinGroupWithAckMessage("conn1", "group1", 3));
		ByteBuffer buffer = ByteBuffer.wrap(framed, 0, framed.length - 1).slice();
		assertThat(this.decoder.decode(buffer)).isNull();
		assertThat(buffer.position()).isZero();
		assertThat(this.decoder.decode(ByteBuffer.allocate(0))).isNull();
	}

	@Test
	void unknownTypeIsSkippedWholeAndTheNextMessageIsRead() throws IOException {
		byte[] unknown = frame(pack((packer) -> {
			packer.packArrayHeader(4).packInt(99).packString("future").packMapHeader(1).packInt(1).packInt(2);
			packer.packBinaryHeader(3).writePayload(new byte[] { 1, 2, 3 });
		}));
		ByteBuffer buffer = ByteBuffer.wrap(concat(List.of(unknown, this.encoder.encode(PingMessage.KEEP_ALIVE))));
		assertThat(this.decoder.decode(buffer)).isEqualTo(new UnknownMessage(99));
		assertThat(this.decoder.decode(buffer)).isEqualTo(PingMessage.KEEP_ALIVE);
		assertThat(buffer.hasRemaining()).isFalse();
	}

	@Test
	void unknownMessageCannotBeWritten() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.encoder.encode(new UnknownMessage(99)));
	}

	// SPF.ParseMessageWithExtraData: items after the ones a type defines, and bytes after the array, are ignored.
	@Test
	void extraItemsAndTrailingBytesAreIgnored() throws IOException {
		byte[] extraItems = frame(pack((packer) -> packer.packArrayHeader(8).packInt(20).packInt(5).packInt(1)
			.packString("done").packMapHeader(0).packNil().packString("seventh").packInt(8)));
		assertThat(this.decoder.decode(ByteBuffer.wrap(extraItems))).isEqualTo(new AckMessage(5, 1, "done"));
		byte[] trailing = frame(pack((packer) -> packer.packArrayHeader(3).packInt(4).packString("id").packMapHeader(0)
			.packString("ex")));
		assertThat(this.decoder.decode(ByteBuffer.wrap(trailing))).isEqualTo(new OpenConnectionMessage("id", List.of()));
	}

	@Test
	void extensionKeysTheTypeDoesNotCarryAreSkippedWhateverTheirValue() throws IOException {
		byte[] framed = frame(pack((packer) -> {
			packer.packArrayHeader(4).packInt(11).packString("conn1").packString("group1").packMapHeader(5);
			packer.packInt(2).packString("a ttl the type does not carry");
			packer.packInt(1).packLong(42);
			packer.packInt(77).packArrayHeader(2).packInt(1).packMapHeader(1).packString("k").packNil();
			packer.packString("not an int key").packBoolean(true);
			packer.packLong(1L << 40).packDouble(1.5);
		}));
		assertThat(this.decoder.decode(ByteBuffer.wrap(framed))).isEqualTo(new JoinGroupMessage("conn1", "group1", 42L));
	}

	@Test
	void tracingIdKeepsAllSixtyFourUnsignedBits() {
		long above = Long.parseUnsignedLong("18446744073709551615");
		ConnectionDataMessage message = new ConnectionDataMessage("c", new byte[0], above, 0, false);
		byte[] framed = this.encoder.encode(message);
		assertThat(HexFormat.of().formatHex(framed)).endsWith("8101cfffffffffffffffff");
		assertThat(this.decoder.decode(ByteBuffer.wrap(framed))).isEqualTo(message);
	}

	@Test
	void largePayloadRoundTrips() {
		byte[] payload = new byte[70000];
		Arrays.fill(payload, (byte) 'a');
		byte[] framed = this.encoder.encode(new ConnectionDataMessage("abc", payload));
		ConnectionDataMessage decoded = (ConnectionDataMessage) this.decoder.decode(ByteBuffer.wrap(framed));
		assertThat(decoded.payload()).isEqualTo(payload);
	}

	@Test
	void messageOverTheLimitIsRefusedBeforeItArrives() {
		byte[] framed = this.encoder.encode(new ConnectionDataMessage("abc", new byte[2000]));
		ByteBuffer firstBytes = ByteBuffer.wrap(framed, 0, 10).slice();
		assertThatExceptionOfType(ServiceProtocolException.class)
			.isThrownBy(() -> new ServiceMessageDecoder(1024).decode(firstBytes))
			.withMessageContaining("over the limit of 1024 bytes");
	}

	@Test
	void zeroLengthMessageIsRefused() {
		assertThatExceptionOfType(ServiceProtocolException.class)
			.isThrownBy(() -> this.decoder.decode(ByteBuffer.wrap(new byte[] { 0 })))
			.withMessageContaining("0 bytes");
	}

	@Test
	void wrongItemTypeIsNamedWithoutItsValue() throws IOException {
		byte[] framed = frame(pack((packer) -> packer.packArrayHeader(5).packInt(18).packString("conn1")
			.packString("group1").packString("secret-looking-value").packMapHeader(0)));
		assertThatExceptionOfType(ServiceProtocolException.class)
			.isThrownBy(() -> this.decoder.decode(ByteBuffer.wrap(framed)))
			.withMessage("Message type 18: 'ackId' is not a 32-bit integer")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("secret-looking-value"));
	}

	@Test
	void requiredIdThatIsNilIsRefused() throws IOException {
		byte[] framed = frame(pack((packer) -> packer.packArrayHeader(4).packInt(6).packNil().packNil().packMapHeader(0)));
		assertThatExceptionOfType(ServiceProtocolException.class)
			.isThrownBy(() -> this.decoder.decode(ByteBuffer.wrap(framed)))
			.withMessage("Message type 6: 'connectionId' is nil, a string expected");
	}

	@Test
	void messageShorterThanItsTypeIsRefused() throws IOException {
		byte[] framed = frame(pack((packer) -> packer.packArrayHeader(2).packInt(18).packString("conn1")));
		assertThatExceptionOfType(ServiceProtocolException.class)
			.isThrownBy(() -> this.decoder.decode(ByteBuffer.wrap(framed)))
			.withMessage("Message type 18 has 2 items, at least 4 expected");
	}

	@Test
	void byteArrayLongerThanTheMessageIsRefusedWithoutAllocatingIt() throws IOException {
		byte[] framed = frame(pack((packer) -> {
			packer.packArrayHeader(4).packInt(6).packString("conn1");
			packer.writePayload(new byte[] { (byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff });
		}));
		assertThatExceptionOfType(ServiceProtocolException.class)
			.isThrownBy(() -> this.decoder.decode(ByteBuffer.wrap(framed)))
			.withMessage("Message type 6: 'payload' is longer than the message");
	}

	@Test
	void duplicatePayloadProtocolKeepsTheFirstAsTheSdkLookupFindsIt() throws IOException {
		byte[] framed = frame(pack((packer) -> {
			packer.packArrayHeader(4).packInt(8).packString("user1").packMapHeader(2);
			packer.packString("json").packBinaryHeader(1).writePayload(new byte[] { 1 });
			packer.packString("JSON").packBinaryHeader(1).writePayload(new byte[] { 2 });
			packer.packMapHeader(0);
		}));
		UserDataMessage message = (UserDataMessage) this.decoder.decode(ByteBuffer.wrap(framed));
		assertThat(message.payloads()).containsOnlyKeys("json");
		assertThat(message.payload("Json")).containsExactly(1);
	}

	@Test
	void duplicatePayloadProtocolIsRefusedWhenAMessageIsBuilt() {
		Map<String, byte[]> payloads = new LinkedHashMap<>();
		payloads.put("json", new byte[0]);
		payloads.put("Json", new byte[0]);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new BroadcastDataMessage(List.of(), payloads))
			.withMessageContaining("two entries for 'Json'");
	}

	@Test
	void nilPayloadIsReadAsEmptyAsTheSdkReadsIt() throws IOException {
		byte[] framed = frame(pack((packer) -> packer.packArrayHeader(3).packInt(6).packString("conn1").packNil()));
		assertThat(this.decoder.decode(ByteBuffer.wrap(framed))).isEqualTo(new ConnectionDataMessage("conn1", new byte[0]));
	}

	@Test
	void handshakeSucceedsOnANullOrEmptyErrorMessage() {
		assertThat(new HandshakeResponseMessage().isSuccess()).isTrue();
		assertThat(new HandshakeResponseMessage(null, "id").isSuccess()).isTrue();
		assertThat(new HandshakeResponseMessage("Version mismatch.", null).isSuccess()).isFalse();
	}

	@Test
	void notAnArrayIsRefused() {
		assertThatExceptionOfType(ServiceProtocolException.class)
			.isThrownBy(() -> this.decoder.decode(ByteBuffer.wrap(new byte[] { 1, (byte) 0xa0 })))
			.withMessageContaining("array");
	}

	@Test
	void payloadsAndHeadersAreLookedUpIgnoringCase() {
		UserDataMessage message = new UserDataMessage("user1", Map.of("JSON", new byte[] { 1 }));
		assertThat(message.payload("json")).containsExactly(1);
		assertThat(message.payload("messagepack")).isNull();
		OpenConnectionMessage open = new OpenConnectionMessage("c", List.of(), Map.of("X-Forwarded-For",
				List.of("10.0.0.1")), "", null, null);
		assertThat(open.header("x-forwarded-for")).containsExactly("10.0.0.1");
		assertThat(open.header("absent")).isEmpty();
	}

	@Test
	void pingValuesAreReadAsTheSdkReadsPairs() {
		PingMessage ping = PingMessage.of("status", "1", "clientcount", "3", "dangling");
		assertThat(ping.value("clientcount")).contains("3");
		assertThat(ping.value("dangling")).isEmpty();
		assertThat(ping.value("1")).isEmpty();
	}

	private void drain(ByteBuffer buffer, List<ServiceMessage> into) {
		for (ServiceMessage message = this.decoder.decode(buffer); message != null; message = this.decoder
			.decode(buffer)) {
			into.add(message);
		}
	}

	private static byte[] concat(List<byte[]> parts) {
		int length = parts.stream().mapToInt((part) -> part.length).sum();
		ByteBuffer all = ByteBuffer.allocate(length);
		parts.forEach(all::put);
		return all.array();
	}

	private static byte[] frame(byte[] body) {
		return ServiceProtocolVectorsTests.frame(body);
	}

	private static byte[] pack(PackerAction action) throws IOException {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			action.pack(packer);
			return packer.toByteArray();
		}
	}

	@FunctionalInterface
	private interface PackerAction {

		void pack(MessageBufferPacker packer) throws IOException;

	}

}
