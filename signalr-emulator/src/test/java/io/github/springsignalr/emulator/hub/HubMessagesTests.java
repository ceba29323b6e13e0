package io.github.springsignalr.emulator.hub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link HubMessages}: the JSON hub protocol's records.
 */
class HubMessagesTests {

	@Test
	void recordsAreSplitOnTheSeparatorKeepingAPartialOne() {
		StringBuilder pending = new StringBuilder();
		assertThat(HubMessages.split(pending, "{\"type\":6}\u001e{\"ty")).containsExactly("{\"type\":6}");
		assertThat(HubMessages.split(pending, "pe\":7}\u001e\u001e")).containsExactly("{\"type\":7}", "");
		assertThat(pending).isEmpty();
	}

	@Test
	void serverRecords() {
		assertThat(HubMessages.ping()).isEqualTo("{\"type\":6}\u001e");
		assertThat(HubMessages.HANDSHAKE_ACCEPTED).isEqualTo("{}\u001e");
		assertThat(HubMessages.close(null)).isEqualTo("{\"type\":7,\"allowReconnect\":false}\u001e");
		assertThat(HubMessages.completion("1", null)).isEqualTo("{\"type\":3,\"invocationId\":\"1\"}\u001e");
		assertThat(HubMessages.completion("1", "no")).isEqualTo("{\"type\":3,\"invocationId\":\"1\",\"error\":\"no\"}\u001e");
		assertThat(HubMessages.handshakeError("bad \"one\"")).isEqualTo("{\"error\":\"bad \\\"one\\\"\"}\u001e");
		assertThat(HubMessages.invocation("t", HubMessages.json().createArrayNode().add(1).add("x")))
			.isEqualTo("{\"type\":1,\"target\":\"t\",\"arguments\":[1,\"x\"]}\u001e");
	}

	@Test
	void onlyJsonObjectsAreRecords() {
		assertThat(HubMessages.parse("{\"type\":1}").get("type").asInt()).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> HubMessages.parse("[1]"));
		assertThatIllegalArgumentException().isThrownBy(() -> HubMessages.parse("{"));
		assertThatIllegalArgumentException().isThrownBy(() -> HubMessages.parse(""));
	}

}
