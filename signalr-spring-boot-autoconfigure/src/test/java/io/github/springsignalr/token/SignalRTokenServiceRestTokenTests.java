package io.github.springsignalr.token;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.springsignalr.token.TokenTestSupport.KEY;
import static io.github.springsignalr.token.TokenTestSupport.endpoint;
import static io.github.springsignalr.token.TokenTestSupport.payloadJson;
import static io.github.springsignalr.token.TokenTestSupport.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * REST API tokens from {@link SignalRTokenService}, compared with the .NET Management SDK's {@code RestApiProvider}:
 * the audience is the request's URL on {@code scheme://host} with its query, the request goes to the server endpoint.
 */
class SignalRTokenServiceRestTokenTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private static final long NOW_SECONDS = NOW.getEpochSecond();

	private final SignalRTokenService tokens = new SignalRTokenService(Duration.ofHours(1),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@ParameterizedTest(name = "{0} (ServerEndpoint {1}) {2}?{3}")
	@CsvSource(nullValues = "-", value = {
			"https://demo.service.signalr.net, -, /api/hubs/chat/:send, api-version=2022-06-01, https://demo.service.signalr.net/api/hubs/chat/:send?api-version=2022-06-01, https://demo.service.signalr.net/api/hubs/chat/:send?api-version=2022-06-01",
			"https://demo.service.signalr.net:8443, -, /api/hubs/chat/users/u%201/:send, api-version=2022-06-01, https://demo.service.signalr.net:8443/api/hubs/chat/users/u%201/:send?api-version=2022-06-01, https://demo.service.signalr.net/api/hubs/chat/users/u%201/:send?api-version=2022-06-01",
			"http://localhost:8888, -, /api/health, api-version=2022-06-01, http://localhost:8888/api/health?api-version=2022-06-01, http://localhost/api/health?api-version=2022-06-01",
			"https://demo.service.signalr.net, https://internal.example.com:8443/signalr, /api/hubs/chat/groups/g/:send, application=app&api-version=2022-06-01, https://internal.example.com:8443/signalr/api/hubs/chat/groups/g/:send?application=app&api-version=2022-06-01, https://demo.service.signalr.net/api/hubs/chat/groups/g/:send?application=app&api-version=2022-06-01",
			"https://demo.service.signalr.net, -, /api/v1/hubs/chat, -, https://demo.service.signalr.net/api/v1/hubs/chat, https://demo.service.signalr.net/api/v1/hubs/chat",
			"https://demo.service.signalr.net, -, /api/v1/hubs/chat, '', https://demo.service.signalr.net/api/v1/hubs/chat, https://demo.service.signalr.net/api/v1/hubs/chat" })
	void requestGoesToTheServerEndpointAndAudienceIsOnTheServiceEndpoint(String serviceEndpoint, String serverEndpoint,
			String path, String query, String uri, String audience) throws ParseException {
		ServiceEndpoint endpoint = endpoint(serviceEndpoint, null, serverEndpoint, KEY);
		RestCall call = this.tokens.restCall(endpoint, path, query);
		assertThat(call.uri()).isEqualTo(URI.create(uri));
		assertThat(verified(call.token(), KEY).getJWTClaimsSet().getAudience()).containsExactly(audience);
		assertThat(call.authorization()).isEqualTo("Bearer " + call.token());
	}

	@Test
	void claimsAreThoseOfTheManagementSdkInItsOrder() throws ParseException {
		String token = this.tokens.restToken(endpoint("https://demo.service.signalr.net"),
				"https://demo.service.signalr.net/api/hubs/chat/:send?api-version=2022-06-01");
		SignedJWT jwt = verified(token, KEY);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(AccessKey.fingerprint(KEY));
		String nameId = jwt.getJWTClaimsSet().getStringClaim("nameid");
		assertThat(nameId).matches(".+_[0-9a-f]{32}");
		assertThat(payloadJson(token)).isEqualTo("{\"nameid\":\"" + nameId + "\",\"nbf\":" + NOW_SECONDS + ",\"exp\":"
				+ (NOW_SECONDS + 3600) + ",\"iat\":" + NOW_SECONDS
				+ ",\"aud\":\"https://demo.service.signalr.net/api/hubs/chat/:send?api-version=2022-06-01\"}");
	}

	@Test
	void serverNameIsStableForOneService() throws ParseException {
		ServiceEndpoint endpoint = endpoint("https://demo.service.signalr.net");
		String first = verified(this.tokens.restToken(endpoint, "a"), KEY).getJWTClaimsSet().getStringClaim("nameid");
		String second = verified(this.tokens.restToken(endpoint, "b"), KEY).getJWTClaimsSet().getStringClaim("nameid");
		assertThat(first).isEqualTo(second);
	}

	@Test
	void lifetimeCanBeOverridden() throws ParseException {
		ServiceEndpoint endpoint = endpoint("https://demo.service.signalr.net");
		JWTClaimsSet claims = verified(
				this.tokens.restCall(endpoint, "/api/health", "api-version=2022-06-01", Duration.ofMinutes(2)).token(),
				KEY)
			.getJWTClaimsSet();
		assertThat(claims.getNotBeforeTime()).isEqualTo(new Date(NOW_SECONDS * 1000));
		assertThat(claims.getExpirationTime()).isEqualTo(new Date((NOW_SECONDS + 120) * 1000));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "api/hubs/chat", "https://demo.service.signalr.net/api/hubs/chat" })
	void pathMustStartWithSlash(String path) {
		ServiceEndpoint endpoint = endpoint("https://demo.service.signalr.net");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tokens.restCall(endpoint, path, "api-version=2022-06-01"))
			.withMessageContaining("must start with '/'");
	}

	@Test
	void endpointWithoutKeyIsRefused() {
		ServiceEndpoint entra = endpoint("https://demo.service.signalr.net", null, null, null);
		assertThatExceptionOfType(AccessKeyUnavailableException.class)
			.isThrownBy(() -> this.tokens.restCall(entra, "/api/health", null))
			.withMessageContaining("(unnamed):primary");
	}

	@Test
	void overlongAudienceIsRefused() {
		ServiceEndpoint endpoint = endpoint("https://demo.service.signalr.net");
		assertThatExceptionOfType(AccessTokenTooLongException.class)
			.isThrownBy(() -> this.tokens.restToken(endpoint, "https://x/" + "a".repeat(4000)));
	}

}
