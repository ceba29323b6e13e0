package io.github.springsignalr.emulator.rest;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.RestCalls;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API refuses what the service refuses and accepts what it accepts: a 2022-06-01 call needs
 * {@code api-version}; the token comes in the {@code Authorization} header, not the query; a long exclusion list in
 * the query is taken.
 */
class RestStrictnessTests {

	private static final String MESSAGE = "{\"target\":\"notify\",\"arguments\":[\"hi\"]}";

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
	void callWithoutApiVersionIsRefused() {
		HttpResponse<String> response = rest.call("POST", "/api/hubs/chat/:send", MESSAGE);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-ms-error-code")).hasValue("Error.Request.ApiVersionUnspecified");
		assertThat(rest.call("HEAD", "/api/hubs/chat/users/alice", null).statusCode()).isEqualTo(400);
	}

	@Test
	void callWithApiVersionIsAccepted() {
		assertThat(rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01", MESSAGE).statusCode())
			.isEqualTo(202);
	}

	@Test
	void legacyCallNeedsNoApiVersion() {
		assertThat(rest.call("POST", "/api/v1/hubs/chat", MESSAGE).statusCode()).isEqualTo(202);
	}

	@Test
	void tokenInTheQueryIsRefused() {
		String path = "/api/hubs/chat/:send?api-version=2022-06-01";
		String token = Tokens.rest(emulator.accessKey(KeyType.PRIMARY), "http://localhost" + path);
		HttpResponse<String> response = RestCalls.send(HttpRequest
			.newBuilder(URI.create(emulator.endpoint() + path + "&access_token=" + token))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(MESSAGE))
			.build());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("Authorization").doesNotContain(token);
	}

	@Test
	void sameTokenInTheHeaderIsAccepted() {
		String path = "/api/hubs/chat/:send?api-version=2022-06-01";
		String token = Tokens.rest(emulator.accessKey(KeyType.PRIMARY), "http://localhost" + path);
		assertThat(rest.call("POST", path, MESSAGE, token).statusCode()).isEqualTo(202);
	}

	@Test
	void fiveHundredExclusionsInTheQueryAreAccepted() {
		String excluded = IntStream.range(0, 500)
			.mapToObj((i) -> "excluded=Zm9vYmFyYmF6cXV4" + i)
			.collect(Collectors.joining("&"));
		assertThat(rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01&" + excluded, MESSAGE).statusCode())
			.isEqualTo(202);
	}

	@Test
	void timeToLiveIsAnInt32OfZeroOrMoreSeconds() {
		String base = "/api/hubs/chat/users/alice/groups/team?api-version=2022-06-01&ttl=";
		assertThat(rest.call("PUT", base + "0", null).statusCode()).isEqualTo(200);
		assertThat(rest.call("PUT", base + "2147483647", null).statusCode()).isEqualTo(200);
		for (String bad : new String[] { "2147483648", "-1", "1.5", "abc", "" }) {
			HttpResponse<String> response = rest.call("PUT", base + bad, null);
			assertThat(response.statusCode()).as("ttl=" + bad).isEqualTo(400);
			assertThat(response.headers().firstValue("x-ms-error-code")).hasValue("Error.Request.Invalid");
		}
	}

	@Test
	void closingAUsersConnectionsTakesUserIdsOfOneTo1024Characters() {
		String path = "/:closeConnections?api-version=2022-06-01";
		assertThat(rest.call("POST", "/api/hubs/chat/users/" + "u".repeat(1024) + path, null).statusCode())
			.isEqualTo(204);
		HttpResponse<String> response = rest.call("POST", "/api/hubs/chat/users/" + "u".repeat(1025) + path, null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-ms-error-code")).hasValue("Error.Request.Invalid");
	}

	@Test
	void groupNamesOfOneTo1024CharactersAreAccepted() {
		assertThat(rest.call("POST", "/api/hubs/chat/groups/g/:send?api-version=2022-06-01", MESSAGE).statusCode())
			.isEqualTo(202);
		assertThat(rest.call("POST", "/api/hubs/chat/groups/" + "g".repeat(1024) + "/:send?api-version=2022-06-01",
				MESSAGE).statusCode()).isEqualTo(202);
	}

	@Test
	void blankAndOverlongGroupNamesAreRefused() {
		assertThat(rest.call("POST", "/api/hubs/chat/groups/%20%20/:send?api-version=2022-06-01", MESSAGE).statusCode())
			.isEqualTo(400);
		assertThat(rest.call("POST", "/api/hubs/chat/groups/" + "g".repeat(1025) + "/:send?api-version=2022-06-01",
				MESSAGE).statusCode()).isEqualTo(400);
	}

}
