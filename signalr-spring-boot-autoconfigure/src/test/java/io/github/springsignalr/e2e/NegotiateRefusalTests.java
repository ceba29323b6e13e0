package io.github.springsignalr.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.github.springsignalr.test.AutoConfigureSignalREmulator;
import io.github.springsignalr.testsupport.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker controls in a negotiate request (the hub in the path, the user id the application takes from the
 * request) gets a 400 with a fixed text over HTTP from a real application: no 500, no error logged, nothing echoed.
 */
@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.banner-mode=off")
@AutoConfigureSignalREmulator
@ExtendWith(OutputCaptureExtension.class)
@EndToEndTest
class NegotiateRefusalTests {

	/** 129 characters: one more than the service takes. */
	private static final String TOO_LONG = "h" + "0123456789012345678901234567890123456789012345678901234567890123"
			+ "0123456789012345678901234567890123456789012345678901234567890123";

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "a-b", "1chat", "chat%3Cscript%3E", "chat%20x", TOO_LONG })
	void anInvalidHubNameIsABadRequest(String hub, CapturedOutput output) throws Exception {
		HttpResponse<String> response = negotiate(hub, null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo(
				"Invalid hub name: 1 to 128 characters, a letter first, then letters, digits and _`,.[]");
		assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain(hub);
	}

	@Test
	void anEmptyUserIdIsABadRequest(CapturedOutput output) throws Exception {
		HttpResponse<String> response = negotiate("chat", "");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).isEqualTo("The user id is empty");
		assertThat(output.getAll()).doesNotContain("ERROR");
	}

	@Test
	void aValidRequestStillNegotiates() throws Exception {
		HttpResponse<String> response = negotiate("chat", "alice");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"accessToken\"");
	}

	private HttpResponse<String> negotiate(String hub, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/" + hub + "/negotiate?negotiateVersion=1"))
			.POST(HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			request.header(ChatApplication.USER_HEADER, user);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SuppressWarnings("unchecked")
	private static String error(HttpResponse<String> response) {
		return (String) JsonMapper.shared().readValue(response.body(), Map.class).get("error");
	}

}
