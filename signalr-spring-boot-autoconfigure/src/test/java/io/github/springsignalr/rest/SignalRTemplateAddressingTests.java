package io.github.springsignalr.rest;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.endpoint.DefaultEndpointRouter;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.endpoint.ServiceEndpointRegistry;
import io.github.springsignalr.endpoint.SignalRListener;
import io.github.springsignalr.token.SignalRTokenService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.web.client.RestClient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link SignalRTemplate} addresses the REST API, checked on the wire against a real HTTP server: the URL it
 * calls and the audience of its token, each equal to what the .NET Management SDK's {@code RestApiProvider} builds
 * ({@code {audienceBase}api/hubs/{Uri.EscapeDataString(hub.ToLowerInvariant())}{path}?[application=…&]api-version=2022-06-01},
 * with {@code excluded} and {@code reason} added to the request's query only).
 */
class SignalRTemplateAddressingTests {

	private static final String KEY = "cmVzdC10ZW1wbGF0ZS10ZXN0cy1vbmx5LWtleS0wMDE=";

	private static final String AUDIENCE_BASE = "https://demo.service.signalr.net";

	private final RecordingRestServer server = new RecordingRestServer();

	@AfterEach
	void stop() {
		this.server.close();
	}

	static Stream<Arguments> calls() {
		return Stream.of(
				call("broadcast, hub with capitals", (t) -> t.sendToAll("ChatHub", "m"),
						"/api/hubs/chathub/:send?api-version=2022-06-01", ""),
				call("broadcast excluding connections", (t) -> t.sendToAllExcept("chat", List.of("c1", "c 2"), "m"),
						"/api/hubs/chat/:send?api-version=2022-06-01", "&excluded=c1&excluded=c%202"),
				call("broadcast in an application", (t) -> t.forApplication("MyApp").sendToAll("Chat", "m"),
						"/api/hubs/chat/:send?application=myapp&api-version=2022-06-01", ""),
				call("to a user, id kept as it is", (t) -> t.sendToUser("Chat", "User A", "m"),
						"/api/hubs/chat/users/User%20A/:send?api-version=2022-06-01", ""),
				call("to a connection", (t) -> t.sendToConnection("Chat", "Conn+1", "m"),
						"/api/hubs/chat/connections/Conn%2B1/:send?api-version=2022-06-01", ""),
				call("to a group excluding a connection",
						(t) -> t.sendToGroupExcept("Chat", "room/1", List.of("c1"), "m"),
						"/api/hubs/chat/groups/room%2F1/:send?api-version=2022-06-01", "&excluded=c1"),
				call("connection into a group", (t) -> t.addConnectionToGroup("Chat", "room", "c1"),
						"/api/hubs/chat/groups/room/connections/c1?api-version=2022-06-01", ""),
				call("user into a group, in an application",
						(t) -> t.forApplication("App_1").addUserToGroup("Chat", "room", "u@x"),
						"/api/hubs/chat/users/u%40x/groups/room?application=app_1&api-version=2022-06-01", ""),
				call("user out of every group", (t) -> t.removeUserFromAllGroups("Chat", "u"),
						"/api/hubs/chat/users/u/groups?api-version=2022-06-01", ""),
				call("close with a reason", (t) -> t.closeConnection("Chat", "c1", "bye now"),
						"/api/hubs/chat/connections/c1?api-version=2022-06-01", "&reason=bye%20now"),
				call("user exists", (t) -> t.userExists("Chat", "u"),
						"/api/hubs/chat/users/u?api-version=2022-06-01", ""),
				call("group exists", (t) -> t.groupExists("Chat", "r~1"),
						"/api/hubs/chat/groups/r~1?api-version=2022-06-01", ""),
				call("user into a group for a time", (t) -> t.addUserToGroup("Chat", "room", "u", Duration.ofMillis(90_500)),
						"/api/hubs/chat/users/u/groups/room?api-version=2022-06-01", "&ttl=90"),
				call("user in a group?", (t) -> t.isUserInGroup("Chat", "room", "u"),
						"/api/hubs/chat/users/u/groups/room?api-version=2022-06-01", ""),
				call("connection out of every group", (t) -> t.removeConnectionFromAllGroups("Chat", "c1"),
						"/api/hubs/chat/connections/c1/groups?api-version=2022-06-01", ""),
				call("close the hub's connections but some, in an application",
						(t) -> t.forApplication("App").closeConnections("Chat", List.of("c1", "c2"), "bye"),
						"/api/hubs/chat/:closeConnections?application=app&api-version=2022-06-01",
						"&excluded=c1&excluded=c2&reason=bye"),
				call("close a group's connections", (t) -> t.closeGroupConnections("Chat", "g 1", List.of(), null),
						"/api/hubs/chat/groups/g%201/:closeConnections?api-version=2022-06-01", ""),
				call("close a user's connections but one",
						(t) -> t.closeUserConnections("Chat", "u", List.of("c1"), "why"),
						"/api/hubs/chat/users/u/:closeConnections?api-version=2022-06-01", "&excluded=c1&reason=why"));
	}

	@ParameterizedTest
	@MethodSource("calls")
	void urlAndAudienceAreThoseOfTheDotNetSdk(Consumer<SignalRTemplate> operation, String audiencePath,
			String extraQuery) throws Exception {
		this.server.answer(200, Map.of());
		operation.accept(template(this.server));
		RecordingRestServer.Request request = this.server.requests().get(0);
		assertThat(request.pathAndQuery()).isEqualTo(audiencePath + extraQuery);
		assertThat(audience(request)).isEqualTo(AUDIENCE_BASE + audiencePath);
	}

	@Test
	void fiveHundredExclusionsStayOutOfTheToken() throws Exception {
		this.server.answer(202, Map.of());
		List<String> excluded = IntStream.range(0, 500).mapToObj((i) -> "connection-id-" + i + "-abcdefgh").toList();
		SignalRResult result = template(this.server).sendToAllExcept("chat", excluded, "m");
		assertThat(result.succeeded()).isTrue();
		RecordingRestServer.Request request = this.server.requests().get(0);
		assertThat(request.authorization().length()).as("a token of the same size as without exclusions")
			.isLessThan(400);
		assertThat(audience(request)).isEqualTo(AUDIENCE_BASE + "/api/hubs/chat/:send?api-version=2022-06-01");
		assertThat(request.pathAndQuery()).contains("&excluded=connection-id-499-abcdefgh");
	}

	@Test
	void legacyAudienceIsTheUrlWithoutQuery() throws Exception {
		// The v1 API's audience, as its Learn page gives it: the URL without trailing slash or query.
		String token = new SignalRTokenService().restCall(endpoint(this.server), "/api/v1/hubs/chat", null).token();
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience())
			.containsExactly(AUDIENCE_BASE + "/api/v1/hubs/chat");
	}

	private static Arguments call(String name, Consumer<SignalRTemplate> operation, String audiencePath,
			String extraQuery) {
		return Arguments.of(Named.of(name, operation), audiencePath, extraQuery);
	}

	private static String audience(RecordingRestServer.Request request) throws ParseException, JOSEException {
		SignedJWT jwt = SignedJWT.parse(request.authorization().substring("Bearer ".length()));
		assertThat(jwt.verify(new MACVerifier(KEY.getBytes(UTF_8)))).isTrue();
		return jwt.getJWTClaimsSet().getAudience().get(0);
	}

	static ServiceEndpoint endpoint(RecordingRestServer server) {
		return ServiceEndpoint.of("", EndpointType.PRIMARY,
				"Endpoint=" + AUDIENCE_BASE + ";ServerEndpoint=" + server.url() + ";AccessKey=" + KEY + ";Version=1.0;");
	}

	static SignalRTemplate template(RecordingRestServer server) {
		return new SignalRTemplate(new ServiceEndpointRegistry(List.of(endpoint(server)), null),
				new DefaultEndpointRouter(), new SignalRTokenService(), RestClient.create(), null, null,
				SignalRListener.NONE);
	}

}
