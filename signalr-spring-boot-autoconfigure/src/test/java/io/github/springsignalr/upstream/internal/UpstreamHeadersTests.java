package io.github.springsignalr.upstream.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link UpstreamHeaders}: the service's {@code X-ASRS-Client-Query} and {@code X-ASRS-User-Claims} as
 * Microsoft's emulator sends them (ASP.NET Core's {@code QueryString.ToString()}, .NET's {@code Claim.ToString()}
 * values joined by the HTTP client) and as the Functions extension reads them.
 */
class UpstreamHeadersTests {

	@Test
	void theQueryIsReadWithItsLeadingQuestionMark() {
		assertThat(UpstreamHeaders.clientQuery("?hub=chat&room=blue%20one&plus=a+b")).containsExactly(
				entry("hub", "chat"), entry("room", "blue one"), entry("plus", "a b"));
	}

	@Test
	void theAccessTokenIsNeverExposedInAnyCase() {
		assertThat(UpstreamHeaders.clientQuery("?hub=chat&access_token=eyJhbGciOi.x.y&id=abc&Access_Token=z"))
			.containsExactly(entry("hub", "chat"), entry("id", "abc"));
	}

	@Test
	void aRepeatedNameHasItsValuesJoinedWithCommasAndNamesMatchInAnyCase() {
		assertThat(UpstreamHeaders.clientQuery("?tag=a&Tag=b&flag")).containsExactly(entry("tag", "a,b"),
				entry("flag", ""));
	}

	@Test
	void noQueryIsEmpty() {
		assertThat(UpstreamHeaders.clientQuery(null)).isEmpty();
		assertThat(UpstreamHeaders.clientQuery("")).isEmpty();
		assertThat(UpstreamHeaders.clientQuery("?")).isEmpty();
	}

	@Test
	void claimsAreTypeValuePairsAndTheFirstValueOfATypeWins() {
		assertThat(UpstreamHeaders.userClaims(
				"sub: alice, http://schemas.microsoft.com/ws/2008/06/identity/claims/role: admin, role: a, role: b"))
			.containsExactly(entry("sub", "alice"),
					entry("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "admin"), entry("role", "a"));
	}

	@Test
	void aPairThatDoesNotSplitInTwoIsSkipped() {
		assertThat(UpstreamHeaders.userClaims("name: Ann, Lee, nonsense, a: b: c, exp: 1700000000"))
			.as("a value with a comma is cut, as the Functions extension cuts it")
			.containsExactly(entry("name", "Ann"), entry("exp", "1700000000"));
		assertThat(UpstreamHeaders.userClaims(null)).isEmpty();
	}

}
