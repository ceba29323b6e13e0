package io.github.springsignalr.upstream;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvocationContext}: what it keeps of a request, and what its {@code toString()} shows.
 */
class UpstreamInvocationContextTests {

	@Test
	void credentialsOfTheRequestAreDroppedInAnyCase() {
		InvocationContext context = context(Map.of("Authorization", "Bearer x", "cookie", "a=b", "PROXY-AUTHORIZATION",
				"Basic y", "x-asrs-signature", "sha256=z", "X-ASRS-CLIENT-QUERY", "?access_token=t", "X-Trace", "1"));
		assertThat(context.headers()).containsOnlyKeys("X-Trace");
		assertThat(context.headers()).containsEntry("x-trace", "1");
	}

	@Test
	void aSingleCredentialIsDroppedToo() {
		assertThat(context(Map.of("COOKIE", "a=b")).headers()).isEmpty();
		assertThat(context(Map.of("authorization", "Bearer x")).headers()).isEmpty();
	}

	@Test
	void toStringNamesHeadersQueryAndClaimsButShowsNoValue() {
		InvocationContext context = new InvocationContext("chat", "messages", "send", "c1", "user-secret-id",
				Map.of("room", "query-secret"), Map.of("role", "claim-secret"), Map.of("X-Trace", "header-secret"),
				"error-secret");
		String text = context.toString();
		assertThat(text).contains("chat", "messages", "send", "c1", "room", "role", "X-Trace");
		assertThat(text).doesNotContain("query-secret", "claim-secret", "header-secret", "user-secret-id",
				"error-secret");
	}

	private static InvocationContext context(Map<String, String> headers) {
		return new InvocationContext("chat", "messages", "send", "c1", null, Map.of(), Map.of(), headers, null);
	}

}
