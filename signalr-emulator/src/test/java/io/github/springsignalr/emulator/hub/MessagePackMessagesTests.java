package io.github.springsignalr.emulator.hub;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MessagePackMessages}, against the byte-level examples of ASP.NET Core's {@code HubProtocol.md}.
 */
class MessagePackMessagesTests {

	@Test
	void aPingIsExactlyItsTwoBytesAfterItsLength() {
		assertThat(MessagePackMessages.fromJson(HubMessages.ping())).containsExactly(0x02, 0x91, 0x06);
	}

	@Test
	void completionsHaveTheirResultKinds() {
		// [3, {}, "xyz", 2] and [3, {}, "xyz", 1, "Error"], each after its length.
		assertThat(MessagePackMessages.fromJson(HubMessages.completion("xyz", null))).containsExactly(0x08, 0x94, 0x03,
				0x80, 0xa3, 'x', 'y', 'z', 0x02);
		assertThat(MessagePackMessages.fromJson(HubMessages.completion("xyz", "Error"))).containsExactly(0x0e, 0x95,
				0x03, 0x80, 0xa3, 'x', 'y', 'z', 0x01, 0xa5, 'E', 'r', 'r', 'o', 'r');
	}

	@Test
	void anInvocationWithoutIdAndACloseAreArrays() {
		// [1, {}, nil, "method", [42], []]
		assertThat(MessagePackMessages.fromJson("{\"type\":1,\"target\":\"method\",\"arguments\":[42]}\u001e"))
			.containsExactly(0x0e, 0x96, 0x01, 0x80, 0xc0, 0xa6, 'm', 'e', 't', 'h', 'o', 'd', 0x91, 0x2a, 0x90);
		// [7, "xyz", false]
		assertThat(MessagePackMessages.fromJson(HubMessages.close("xyz"))).containsExactly(0x07, 0x93, 0x07, 0xa3, 'x',
				'y', 'z', 0xc2);
	}

	@Test
	void lengthsOfMoreThanSevenBitsTakeMoreBytes() {
		// 0x1480 (5248) is 0x80 0x29, as HubProtocol.md's example.
		byte[] framed = MessagePackMessages.framed(new byte[5248]);
		assertThat(framed).startsWith(0x80, 0x29).hasSize(5250);
	}

	@Test
	void splitKeepsAPartialMessageForLater() {
		byte[] ping = MessagePackMessages.fromJson(HubMessages.ping());
		ByteArrayOutputStream pending = new ByteArrayOutputStream();
		pending.writeBytes(ping);
		pending.writeBytes(new byte[] { 0x02, (byte) 0x91 });
		List<byte[]> messages = MessagePackMessages.split(pending, 1024);
		assertThat(messages).singleElement().satisfies((message) -> assertThat(message).containsExactly(0x91, 0x06));
		assertThat(pending.toByteArray()).containsExactly(0x02, 0x91);
		pending.write(0x06);
		assertThat(MessagePackMessages.split(pending, 1024)).hasSize(1);
		assertThat(pending.size()).isZero();
	}

	@Test
	void aLengthPrefixOverFiveBytesOrAMessageOverTheLimitIsRefused() {
		ByteArrayOutputStream tooLong = new ByteArrayOutputStream();
		tooLong.writeBytes(new byte[] { (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01 });
		assertThatIllegalArgumentException().isThrownBy(() -> MessagePackMessages.split(tooLong, 1024));
		ByteArrayOutputStream tooBig = new ByteArrayOutputStream();
		tooBig.writeBytes(MessagePackMessages.framed(new byte[2048]));
		assertThatIllegalArgumentException().isThrownBy(() -> MessagePackMessages.split(tooBig, 1024));
	}

	@Test
	void aMessageMustBeOneArrayWithAType() {
		assertThat(MessagePackMessages.parse(new byte[] { (byte) 0x91, 0x06 }).get(0).asIntegerValue().toInt())
			.isEqualTo(6);
		assertThatIllegalArgumentException().isThrownBy(() -> MessagePackMessages.parse(new byte[] { 0x06 }));
		assertThatIllegalArgumentException().isThrownBy(() -> MessagePackMessages.parse(new byte[] { (byte) 0x90 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MessagePackMessages.parse(new byte[] { (byte) 0x91, 0x06, 0x06 }));
		assertThatIllegalArgumentException().isThrownBy(() -> MessagePackMessages.parse(new byte[] { (byte) 0xc1 }));
	}

}
