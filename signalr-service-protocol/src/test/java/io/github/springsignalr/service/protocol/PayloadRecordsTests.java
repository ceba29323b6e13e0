package io.github.springsignalr.service.protocol;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages holding byte arrays are equal by content, hash alike when equal, and print arrays by length.
 */
class PayloadRecordsTests {

	@Test
	void byteArraysCompareByContent() {
		ConnectionDataMessage message = new ConnectionDataMessage("conn1", new byte[] { 1, 2 }, 7L, 2, true);
		ConnectionDataMessage same = new ConnectionDataMessage("conn1", new byte[] { 1, 2 }, 7L, 2, true);
		assertThat(message).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(message).isNotEqualTo(new ConnectionDataMessage("conn1", new byte[] { 1, 3 }, 7L, 2, true))
			.isNotEqualTo(new ConnectionDataMessage("conn1", new byte[] { 1, 2 }, 7L, 2, false))
			.isNotEqualTo(new ConnectionDataMessage("conn2", new byte[] { 1, 2 }, 7L, 2, true));
		assertThat(new AckMessage(1, AckMessage.OK)).isEqualTo(new AckMessage(1, AckMessage.OK))
			.isNotEqualTo(new AckMessage(1, AckMessage.OK, "", new byte[0]));
	}

	@Test
	void payloadsCompareByContentAndOrder() {
		UserDataMessage message = new UserDataMessage("u1", payloads("json", "messagepack"));
		UserDataMessage same = new UserDataMessage("u1", payloads("json", "messagepack"));
		assertThat(message).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(message).isNotEqualTo(new UserDataMessage("u1", payloads("messagepack", "json")))
			.isNotEqualTo(new UserDataMessage("u1", payloads("json", "messagepack"), 1L, null))
			.isNotEqualTo(new MultiUserDataMessage(List.of("u1"), payloads("json", "messagepack")));
	}

	@Test
	void hashIsTheHashOfTheComponentsWithArraysByContent() {
		byte[] payload = { 1, 2, 3 };
		assertThat(new ConnectionDataMessage("conn1", payload, 7L, 2, true).hashCode())
			.isEqualTo(Objects.hash("conn1", Arrays.hashCode(payload), 7L, 2, true));
	}

	@Test
	void toStringNamesEveryComponentAndArraysByLength() {
		assertThat(new UserDataMessage("u1", payloads("json", "messagepack"), 5L, "f"))
			.hasToString("UserDataMessage[userId=u1, payloads={json=1 bytes, messagepack=1 bytes}, tracingId=5, "
					+ "filter=f]");
		assertThat(new AckMessage(3, AckMessage.OK, "done")).hasToString(
				"AckMessage[ackId=3, status=1, message=done, payload=null]");
		assertThat(new ClientCompletionMessage("i1", "c1", "s1", "json", new byte[4]))
			.hasToString("ClientCompletionMessage[invocationId=i1, connectionId=c1, callerServerId=s1, protocol=json, "
					+ "payload=4 bytes, tracingId=null]");
	}

	@Test
	void payloadOfAProtocolIgnoresCase() {
		MultiPayloadDataMessage message = new BroadcastDataMessage(List.of(), payloads("json"));
		assertThat(message.payload("JSON")).containsExactly(0);
		assertThat(message.payload("messagepack")).isNull();
	}

	private static Map<String, byte[]> payloads(String... protocols) {
		Map<String, byte[]> payloads = new LinkedHashMap<>();
		for (int i = 0; i < protocols.length; i++) {
			payloads.put(protocols[i], new byte[] { (byte) i });
		}
		return payloads;
	}

}
