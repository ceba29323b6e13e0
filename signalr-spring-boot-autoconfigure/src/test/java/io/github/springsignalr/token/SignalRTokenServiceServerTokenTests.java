package io.github.springsignalr.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.endpoint.AccessKey;
import org.junit.jupiter.api.Test;

import io.github.springsignalr.endpoint.ServiceEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server connection tokens and URLs of default mode, as the .NET SDK writes them
 * ({@code ServiceEndpointProvider.GetServerAccessTokenProvider}, {@code DefaultServiceEndpointGenerator}).
 */
class SignalRTokenServiceServerTokenTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private final SignalRTokenService tokens = new SignalRTokenService(Duration.ofHours(1),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void theAudienceIsTheServerPathOnSchemeAndHostAndTheOnlyClaimBesidesTimesIsTheServerName() throws Exception {
		ServiceEndpoint endpoint = TokenTestSupport.endpoint("https://demo.service.signalr.net:444", null,
				"https://internal.example.com:8443/base", TokenTestSupport.KEY);
		SignedJWT jwt = TokenTestSupport.verified(this.tokens.serverToken(endpoint, "Chat"), TokenTestSupport.KEY);
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("https://demo.service.signalr.net/server/?hub=chat");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("nameid")).isEqualTo(this.tokens.serverName());
		assertThat(jwt.getJWTClaimsSet().getClaims().keySet()).containsExactlyInAnyOrder("nameid", "nbf", "exp",
				"iat", "aud");
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(1)));
	}

	@Test
	void theUrlIsTheServerEndpointAsWebSocketWithTheHubLowerCasedAndTheConnectionId() {
		ServiceEndpoint endpoint = TokenTestSupport.endpoint("https://demo.service.signalr.net", null,
				"https://internal.example.com:8443/base", TokenTestSupport.KEY);
		assertThat(this.tokens.serverUrl(endpoint, "Chat", "c1"))
			.hasToString("wss://internal.example.com:8443/base/server/?hub=chat&cid=c1");
		ServiceEndpoint plain = TokenTestSupport.endpoint("http://localhost:8888", null, null, TokenTestSupport.KEY);
		assertThat(this.tokens.serverUrl(plain, "chat", "c2")).hasToString("ws://localhost:8888/server/?hub=chat&cid=c2");
	}

	@Test
	void eachTokenIsSignedWithTheEndpointsCurrentKey() {
		ServiceEndpoint endpoint = TokenTestSupport.endpoint("https://demo.service.signalr.net", null, null,
				TokenTestSupport.KEY);
		ServiceEndpoint rotated = endpoint.withAccessKey(AccessKey.of(TokenTestSupport.OTHER_KEY));
		SignedJWT token = TokenTestSupport.parse(this.tokens.serverToken(rotated, "chat"));
		assertThat(TokenTestSupport.verifies(token, TokenTestSupport.OTHER_KEY)).isTrue();
		assertThat(TokenTestSupport.verifies(token, TokenTestSupport.KEY)).isFalse();
	}

}
