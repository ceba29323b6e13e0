package io.github.springsignalr.emulator.auth;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Audience}: as lenient as the SDKs' variations need, as strict as the service where it matters.
 */
class AudienceTests {

	private static final Audience client = Audience.client("http", Set.of("localhost", "LocalHost"), "Chat");

	private static final Audience rest = Audience.rest("http", Set.of("localhost"), "/api/hubs/chat/users/a b/:send");

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost/client/?hub=chat", "HTTP://LOCALHOST/client/?hub=CHAT",
			"http://localhost:8888/client/?hub=chat", "http://localhost/client?hub=chat",
			"http://localhost/client/?asrs.op=x&hub=chat" })
	void clientAudiencesThatMatch(String audience) {
		assertThat(client.matches(audience)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://localhost/client/?hub=chat", "http://127.0.0.1/client/?hub=chat",
			"http://localhost/client/?hub=chat2", "http://localhost/client/", "http://localhost/api/hubs/chat",
			"http://localhost/other/?hub=chat", "not a uri", "localhost/client/?hub=chat" })
	void clientAudiencesThatDoNot(String audience) {
		assertThat(client.matches(audience)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost/api/hubs/chat/users/a%20b/:send?api-version=2022-06-01",
			"http://localhost:8888/api/hubs/chat/users/a%20b/:send", "http://localhost/API/HUBS/chat/users/a%20b/:send/" })
	void restAudiencesThatMatch(String audience) {
		assertThat(rest.matches(audience)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost/api/hubs/chat/users/a%20c/:send",
			"http://localhost/api/hubs/chat/:send", "https://localhost/api/hubs/chat/users/a%20b/:send",
			"http://localhost/client/?hub=chat" })
	void restAudiencesThatDoNot(String audience) {
		assertThat(rest.matches(audience)).isFalse();
	}

}
