package io.github.springsignalr.emulator.rest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.RawHubClient;
import io.github.springsignalr.emulator.RestCalls;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.Tokens;
import io.github.springsignalr.emulator.auth.KeyRing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every route of the REST API in both path families, with the statuses and error codes the service answers.
 */
class RestApiTests {

	private static final String MESSAGE = "{\"target\":\"notify\",\"arguments\":[\"hi\",{\"n\":1}]}";

	private static SignalREmulator emulator;

	private static RestCalls rest;

	private final List<RawHubClient> clients = new ArrayList<>();

	@BeforeAll
	static void start() {
		emulator = SignalREmulator.builder().port(0).build().start();
		rest = new RestCalls(emulator);
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@AfterEach
	void disconnect() {
		this.clients.forEach(RawHubClient::close);
		await().until(() -> emulator.connectionCount() == 0);
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void broadcastReachesEveryoneButTheExcluded(Family family) throws Exception {
		RawHubClient alice = connect("alice");
		RawHubClient bob = connect("bob");
		RawHubClient carol = connect("carol");
		String query = "excluded=" + bob.connectionId() + "&excluded=" + carol.connectionId();
		assertThat(call(family, "POST", "", true, query, MESSAGE).statusCode()).isEqualTo(202);
		assertInvocation(alice.nextMessage());
		assertThat(bob.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
		assertThat(carol.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
	}

	@Test
	void broadcastOnLegacyPathAcceptsSendSuffixToo() {
		RawHubClient alice = connect("alice");
		assertThat(rest.call("POST", "/api/v1/hubs/chat/:send", MESSAGE).statusCode()).isEqualTo(202);
		assertInvocation(alice.nextMessage());
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void sendToUserReachesEachOfItsConnections(Family family) throws Exception {
		RawHubClient first = connect("alice");
		RawHubClient second = connect("alice");
		RawHubClient other = connect("bob");
		assertThat(call(family, "POST", "/users/alice", true, null, MESSAGE).statusCode()).isEqualTo(202);
		assertInvocation(first.nextMessage());
		assertInvocation(second.nextMessage());
		assertThat(other.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void sendToConnection(Family family) throws Exception {
		RawHubClient target = connect("alice");
		RawHubClient other = connect("alice");
		assertThat(call(family, "POST", "/connections/" + target.connectionId(), true, null, MESSAGE).statusCode())
			.isEqualTo(202);
		assertInvocation(target.nextMessage());
		assertThat(other.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
		assertThat(call(family, "POST", "/connections/gone", true, null, MESSAGE).statusCode()).isEqualTo(202);
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void connectionGroupMembership(Family family) throws Exception {
		RawHubClient member = connect("alice");
		RawHubClient outsider = connect("bob");
		String membership = "/groups/team/connections/" + member.connectionId();
		assertThat(call(family, "HEAD", "/groups/team", false, null, null).statusCode()).isEqualTo(404);
		assertThat(call(family, "PUT", membership, false, null, null).statusCode()).isEqualTo(200);
		assertThat(call(family, "HEAD", "/groups/team", false, null, null).statusCode()).isEqualTo(200);
		assertThat(call(family, "POST", "/groups/team", true, "excluded=nobody", MESSAGE).statusCode())
			.isEqualTo(202);
		assertInvocation(member.nextMessage());
		assertThat(outsider.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
		assertThat(call(family, "POST", "/groups/team", true, "excluded=" + member.connectionId(), MESSAGE)
			.statusCode()).isEqualTo(202);
		assertThat(member.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
		assertThat(call(family, "DELETE", membership, false, null, null).statusCode()).isEqualTo(200);
		assertThat(call(family, "HEAD", "/groups/team", false, null, null).statusCode()).isEqualTo(404);
	}

	@Test
	void addingMissingConnectionToGroupIsNotFound() {
		HttpResponse<String> response = rest.call("PUT",
				"/api/hubs/chat/groups/team/connections/missing?api-version=2022-06-01", null);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("x-ms-error-code")).hasValue("Error.Connection.NotExisted");
	}

	@Test
	void connectionGroupAliasesAndRemovalFromAllGroups() {
		RawHubClient member = connect("alice");
		String id = member.connectionId();
		assertThat(rest.call("PUT", "/api/hubs/chat/connections/" + id + "/groups/a?api-version=2022-06-01", null)
			.statusCode()).isEqualTo(200);
		assertThat(rest.call("PUT", "/api/hubs/chat/groups/b/connections/" + id + "?api-version=2022-06-01", null)
			.statusCode()).isEqualTo(200);
		assertThat(head("/api/hubs/chat/groups/a")).isEqualTo(200);
		assertThat(rest.call("DELETE", "/api/hubs/chat/connections/" + id + "/groups/a?api-version=2022-06-01", null)
			.statusCode()).isEqualTo(200);
		assertThat(head("/api/hubs/chat/groups/a")).isEqualTo(404);
		assertThat(rest.call("DELETE", "/api/hubs/chat/connections/" + id + "/groups?api-version=2022-06-01", null)
			.statusCode()).isEqualTo(200);
		assertThat(head("/api/hubs/chat/groups/b")).isEqualTo(404);
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void userGroupMembership(Family family) throws Exception {
		RawHubClient alice = connect("alice");
		int added = (family == Family.V1) ? 202 : 200;
		int removed = (family == Family.V1) ? 202 : 204;
		assertThat(call(family, "HEAD", "/groups/team/users/alice", false, null, null).statusCode()).isEqualTo(404);
		assertThat(call(family, "PUT", "/groups/team/users/alice", false, null, null).statusCode()).isEqualTo(added);
		assertThat(call(family, "HEAD", "/groups/team/users/alice", false, null, null).statusCode()).isEqualTo(200);
		assertThat(call(family, "GET", "/groups/team/users/alice", false, null, null).statusCode()).isEqualTo(200);
		assertThat(call(family, "HEAD", "/groups/team", false, null, null).statusCode()).isEqualTo(200);
		call(family, "POST", "/groups/team", true, null, MESSAGE);
		assertInvocation(alice.nextMessage());
		RawHubClient later = connect("alice");
		call(family, "POST", "/groups/team", true, null, MESSAGE);
		assertInvocation(later.nextMessage());
		assertThat(call(family, "DELETE", "/groups/team/users/alice", false, null, null).statusCode())
			.isEqualTo(removed);
		assertThat(call(family, "HEAD", "/groups/team/users/alice", false, null, null).statusCode()).isEqualTo(404);
		assertThat(call(family, "HEAD", "/groups/team", false, null, null).statusCode()).isEqualTo(404);
	}

	@Test
	void userGroupAliasesTtlAndRemovalFromAllGroups() {
		connect("alice");
		String base = "/api/hubs/chat/users/alice/groups/";
		assertThat(rest.call("PUT", base + "a?ttl=3600&api-version=2022-06-01", null).statusCode()).isEqualTo(200);
		assertThat(rest.call("PUT", base + "b?api-version=2022-06-01", null).statusCode()).isEqualTo(200);
		HttpResponse<String> check = rest.call("HEAD", base + "a?api-version=2022-06-01", null);
		assertThat(check.statusCode()).isEqualTo(200);
		assertThat(rest.call("DELETE", "/api/hubs/chat/users/alice/groups?api-version=2022-06-01", null).statusCode())
			.isEqualTo(204);
		HttpResponse<String> gone = rest.call("HEAD", base + "b?api-version=2022-06-01", null);
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(gone.headers().firstValue("x-ms-error-code")).hasValue("Info.User.NotInGroup");
		assertThat(rest.call("DELETE", "/api/v1/hubs/chat/users/alice/groups", null).statusCode()).isEqualTo(200);
		assertThat(rest.call("PUT", base + "c?ttl=-1&api-version=2022-06-01", null).statusCode()).isEqualTo(400);
	}

	@Test
	void userAddedWithTtlZeroJoinsWithCurrentConnectionsOnly() {
		RawHubClient now = connect("alice");
		assertThat(rest.call("PUT", "/api/hubs/chat/users/alice/groups/team?ttl=0&api-version=2022-06-01", null)
			.statusCode()).isEqualTo(200);
		RawHubClient later = connect("alice");
		rest.call("POST", "/api/hubs/chat/groups/team/:send?api-version=2022-06-01", MESSAGE);
		assertInvocation(now.nextMessage());
		try {
			assertThat(later.receivesMessageWithin(Duration.ofMillis(200))).isFalse();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void existenceChecks(Family family) {
		RawHubClient alice = connect("alice");
		assertExistence(call(family, "HEAD", "/connections/" + alice.connectionId(), false, null, null), null);
		assertExistence(call(family, "HEAD", "/connections/missing", false, null, null),
				"Warning.Connection.NotExisted");
		assertExistence(call(family, "HEAD", "/users/alice", false, null, null), null);
		assertExistence(call(family, "GET", "/users/alice", false, null, null), null);
		assertExistence(call(family, "HEAD", "/users/nobody", false, null, null), "Warning.User.NotExisted");
		assertExistence(call(family, "HEAD", "/groups/empty", false, null, null), "Warning.Group.NotExisted");
		assertExistence(call(family, "GET", "/connections/missing", false, null, null),
				"Warning.Connection.NotExisted");
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void closeConnection(Family family) throws Exception {
		RawHubClient alice = connect("alice");
		HttpResponse<String> response = call(family, "DELETE", "/connections/" + alice.connectionId(), false,
				"reason=done", null);
		assertThat(response.statusCode()).isEqualTo((family == Family.V1) ? 202 : 200);
		assertThat(alice.awaitClosed(Duration.ofSeconds(5))).isTrue();
		await().until(() -> emulator.connectionCount() == 0);
		HttpResponse<String> missing = call(family, "DELETE", "/connections/" + alice.connectionId(), false, null,
				null);
		if (family == Family.V1) {
			assertThat(missing.statusCode()).isEqualTo(202);
		}
		else {
			assertThat(missing.statusCode()).isEqualTo(404);
			assertThat(missing.headers().firstValue("x-ms-error-code")).hasValue("Warning.Connection.NotExisted");
		}
	}

	@Test
	void closeConnectionsOfHubUserAndGroup() throws Exception {
		RawHubClient alice = connect("alice");
		RawHubClient bob = connect("bob");
		RawHubClient carol = connect("carol");
		RawHubClient dave = connect("dave");
		rest.call("PUT", "/api/hubs/chat/groups/team/connections/" + carol.connectionId() + "?api-version=2022-06-01",
				null);
		assertThat(rest.call("POST", "/api/hubs/chat/users/alice/:closeConnections?api-version=2022-06-01", null)
			.statusCode()).isEqualTo(204);
		assertThat(alice.awaitClosed(Duration.ofSeconds(5))).isTrue();
		assertThat(rest.call("POST", "/api/hubs/chat/groups/team/:closeConnections?api-version=2022-06-01", null)
			.statusCode()).isEqualTo(204);
		assertThat(carol.awaitClosed(Duration.ofSeconds(5))).isTrue();
		assertThat(rest.call("POST", "/api/hubs/chat/:closeConnections?excluded=" + dave.connectionId()
				+ "&api-version=2022-06-01", null)
			.statusCode()).isEqualTo(204);
		assertThat(bob.awaitClosed(Duration.ofSeconds(5))).isTrue();
		assertThat(dave.awaitClosed(Duration.ofMillis(300))).isFalse();
		await().until(() -> emulator.connectionIds("chat").equals(List.of(dave.connectionId())));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/health", "/api/health?api-version=2022-06-01", "/api/v1/health" })
	void healthNeedsNoToken(String path) {
		assertThat(rest.call("HEAD", path, null, null).statusCode()).isEqualTo(200);
		assertThat(rest.call("GET", path, null, null).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@EnumSource(Family.class)
	void refusesMissingOrBadTokens(Family family) {
		String path = family.path("", true, null);
		String url = "http://localhost" + path;
		assertUnauthorized(rest.call("POST", path, MESSAGE, null));
		assertUnauthorized(rest.call("POST", path, MESSAGE, "not-a-jwt"));
		assertUnauthorized(rest.call("POST", path, MESSAGE, Tokens.rest(KeyRing.generateKey(), url)));
		assertUnauthorized(rest.call("POST", path, MESSAGE,
				Tokens.rest(emulator.accessKey(KeyType.PRIMARY), "http://localhost/api/hubs/other/:send")));
		assertUnauthorized(rest.call("POST", path, MESSAGE,
				Tokens.rest(emulator.accessKey(KeyType.PRIMARY), url.replace("http:", "https:"))));
		assertUnauthorized(rest.call("POST", path, MESSAGE,
				Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), "u")));
		assertUnauthorized(rest.call("POST", path, MESSAGE, Tokens.sign(emulator.accessKey(KeyType.PRIMARY), url,
				null, java.time.Instant.now().minusSeconds(7200), Duration.ofHours(1))));
	}

	@Test
	void restAudienceIsComparedLeniently() {
		String key = emulator.accessKey(KeyType.SECONDARY);
		String path = "/api/hubs/chat/:send?api-version=2022-06-01";
		assertThat(rest.call("POST", path, MESSAGE, Tokens.rest(key, "HTTP://LocalHost:" + emulator.port() + path))
			.statusCode()).isEqualTo(202);
		assertThat(rest.call("POST", path, MESSAGE, Tokens.rest(key, "http://localhost/api/hubs/chat/:send"))
			.statusCode()).isEqualTo(202);
		assertThat(rest.call("POST", path, MESSAGE, Tokens.rest(key, "http://127.0.0.1/api/hubs/chat/:send"))
			.statusCode()).isEqualTo(401);
	}

	@Test
	void bodyNamesAreBoundWithoutRegardToCase() {
		RawHubClient alice = connect("alice");
		assertThat(rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01",
				"{\"Target\":\"notify\",\"Arguments\":[\"hi\",{\"n\":1}]}")
			.statusCode()).isEqualTo(202);
		assertInvocation(alice.nextMessage());
		assertThat(rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01", "{\"TARGET\":\"ping\"}")
			.statusCode()).isEqualTo(202);
		JsonNode noArguments = alice.nextMessage();
		assertThat(noArguments.get("target").asString()).isEqualTo("ping");
		assertThat(noArguments.get("arguments").size()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[]", "{\"arguments\":[]}", "{\"target\":\"\"}", "{\"target\":\"t\",\"arguments\":1}",
			"not json" })
	void invalidBodiesAreBadRequests(String body) {
		HttpResponse<String> response = rest.call("POST", "/api/hubs/chat/:send?api-version=2022-06-01", body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("x-ms-error-code")).hasValue("Error.Request.InvalidMessage");
	}

	@Test
	void invalidHubIsBadRequest() {
		assertThat(rest.call("POST", "/api/hubs/1chat/:send?api-version=2022-06-01", MESSAGE).statusCode())
			.isEqualTo(400);
		assertThat(rest.call("HEAD", "/api/hubs/chat/groups/%20?api-version=2022-06-01", null).statusCode())
			.isEqualTo(400);
	}

	@Test
	void unknownRoutesAreNotFound() {
		assertThat(rest.call("POST", "/api/hubs/chat/somewhere/else?api-version=2022-06-01", MESSAGE).statusCode())
			.isEqualTo(404);
		assertThat(rest.call("PATCH", "/api/hubs/chat/users/a?api-version=2022-06-01", null).statusCode())
			.isEqualTo(404);
		assertThat(rest.call("GET", "/nothing/here", null, null).statusCode()).isEqualTo(404);
	}

	@Test
	void applicationPrefixesTheHub() {
		RawHubClient client = RawHubClient.connect(emulator, "app_chat",
				Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("app_chat"), "u"))
			.handshake();
		this.clients.add(client);
		await().until(() -> emulator.connectionCount("app_chat") == 1);
		assertThat(rest.call("POST", "/api/hubs/chat/:send?application=app&api-version=2022-06-01", MESSAGE)
			.statusCode()).isEqualTo(202);
		assertInvocation(client.nextMessage());
	}

	@Test
	void hubNamesAreCaseInsensitive() {
		RawHubClient alice = connect("alice");
		assertThat(rest.call("POST", "/api/hubs/CHAT/:send?api-version=2022-06-01", MESSAGE).statusCode())
			.isEqualTo(202);
		assertInvocation(alice.nextMessage());
	}

	@Test
	void userIdsAndGroupsArePercentDecoded() {
		RawHubClient user = connect("a b+c/d");
		assertThat(rest.call("POST", "/api/hubs/chat/users/a%20b+c%2Fd/:send?api-version=2022-06-01", MESSAGE)
			.statusCode()).isEqualTo(202);
		assertInvocation(user.nextMessage());
	}

	private RawHubClient connect(String userId) {
		String token = Tokens.client(emulator.accessKey(KeyType.PRIMARY), emulator.clientAudience("chat"), userId);
		RawHubClient client = RawHubClient.connect(emulator, "chat", token).handshake();
		this.clients.add(client);
		await().until(() -> emulator.connectionIds("chat").contains(client.connectionId()));
		return client;
	}

	private static HttpResponse<String> call(Family family, String method, String hubPath, boolean send,
			String query, String body) {
		return rest.call(method, family.path(hubPath, send, query), body);
	}

	private static int head(String path) {
		return rest.call("HEAD", path + "?api-version=2022-06-01", null).statusCode();
	}

	private static void assertInvocation(JsonNode message) {
		assertThat(message.toString()).isEqualTo("{\"type\":1,\"target\":\"notify\",\"arguments\":[\"hi\",{\"n\":1}]}");
	}

	private static void assertExistence(HttpResponse<String> response, String errorCode) {
		if (errorCode == null) {
			assertThat(response.statusCode()).isEqualTo(200);
		}
		else {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("x-ms-error-code")).hasValue(errorCode);
		}
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
	}

	/**
	 * The two path families: {@code /api/v1/hubs/chat/…} and {@code /api/hubs/chat/…[/:send]?api-version=…}.
	 */
	enum Family {

		V1 {
			@Override
			String path(String hubPath, boolean send, String query) {
				return "/api/v1/hubs/chat" + hubPath + ((query != null) ? "?" + query : "");
			}
		},

		V2022 {
			@Override
			String path(String hubPath, boolean send, String query) {
				return "/api/hubs/chat" + hubPath + (send ? "/:send" : "") + "?" + ((query != null) ? query + "&" : "")
						+ "api-version=2022-06-01";
			}
		};

		abstract String path(String hubPath, boolean send, String query);

	}

}
