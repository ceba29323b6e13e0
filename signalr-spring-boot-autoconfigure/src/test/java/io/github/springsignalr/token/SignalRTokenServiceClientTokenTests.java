package io.github.springsignalr.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.endpoint.AccessKey;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.springsignalr.token.TokenTestSupport.KEY;
import static io.github.springsignalr.token.TokenTestSupport.endpoint;
import static io.github.springsignalr.token.TokenTestSupport.headerJson;
import static io.github.springsignalr.token.TokenTestSupport.payloadJson;
import static io.github.springsignalr.token.TokenTestSupport.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Client access tokens from {@link SignalRTokenService}, decoded and verified with nimbus-jose-jwt and compared with
 * what the .NET SDK ({@code ClaimsUtility}, {@code AuthUtility}, {@code DefaultServiceEndpointGenerator}) produces.
 */
class SignalRTokenServiceClientTokenTests {

	/** With milliseconds, to show that the time claims are whole seconds, truncated. */
	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.750Z");

	private static final long NOW_SECONDS = NOW.getEpochSecond();

	private final SignalRTokenService tokens = new SignalRTokenService(Duration.ofHours(1),
			Clock.fixed(NOW, ZoneOffset.UTC));

	private final ServiceEndpoint endpoint = endpoint("https://demo.service.signalr.net");

	@Test
	void headerIsHs256JwtWithTheKeyFingerprintAsKid() {
		String token = this.tokens.clientToken(this.endpoint, ClientTokenRequest.of("chat", "user-1"));
		SignedJWT jwt = verified(token, KEY);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(AccessKey.fingerprint(KEY));
		assertThat(headerJson(token))
			.isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + AccessKey.fingerprint(KEY) + "\"}");
	}

	@Test
	void claimsAreThoseOfTheDotNetSdkInItsOrder() {
		String token = this.tokens.clientToken(this.endpoint, ClientTokenRequest.of("Chat", "user-1"));
		verified(token, KEY);
		assertThat(payloadJson(token)).isEqualTo("{\"asrs.s.uid\":\"user-1\",\"nbf\":" + NOW_SECONDS + ",\"exp\":"
				+ (NOW_SECONDS + 3600) + ",\"iat\":" + NOW_SECONDS
				+ ",\"aud\":\"https://demo.service.signalr.net/client/?hub=chat\"}");
	}

	@Test
	void anonymousClientHasNoUserId() throws ParseException {
		JWTClaimsSet claims = claims(ClientTokenRequest.of("chat"));
		assertThat(claims.getClaims()).containsOnlyKeys("nbf", "exp", "iat", "aud");
		assertThat(claims.getIssuer()).isNull();
	}

	@ParameterizedTest(name = "{0} (ClientEndpoint {1}), hub {2}")
	@CsvSource(nullValues = "-", value = {
			"https://demo.service.signalr.net,       -,                                     Chat,  https://demo.service.signalr.net/client/?hub=chat,  https://demo.service.signalr.net/client/?hub=chat",
			"https://demo.service.signalr.net:8443,  -,                                     chat,  https://demo.service.signalr.net/client/?hub=chat,  https://demo.service.signalr.net:8443/client/?hub=chat",
			"http://localhost:8888,                  -,                                     chat,  http://localhost/client/?hub=chat,                  http://localhost:8888/client/?hub=chat",
			"https://demo.service.signalr.net,       https://proxy.example.com:8443/signalr, MyHub, https://demo.service.signalr.net/client/?hub=myhub, https://proxy.example.com:8443/signalr/client/?hub=myhub",
			"https://demo.service.signalr.net,       https://proxy.example.com/,            a.B_c, https://demo.service.signalr.net/client/?hub=a.b_c, https://proxy.example.com/client/?hub=a.b_c" })
	void audienceIsOnTheServiceEndpointAndUrlOnTheClientEndpoint(String serviceEndpoint, String clientEndpoint,
			String hub, String audience, String url) throws ParseException {
		ServiceEndpoint endpoint = endpoint(serviceEndpoint, clientEndpoint, null, KEY);
		NegotiateResponse negotiation = this.tokens.negotiate(endpoint, ClientTokenRequest.of(hub, "user-1"));
		assertThat(negotiation.url()).isEqualTo(url);
		assertThat(this.tokens.clientUrl(endpoint, hub)).isEqualTo(url);
		assertThat(this.tokens.clientAudience(endpoint, hub)).isEqualTo(audience);
		assertThat(verified(negotiation.accessToken(), KEY).getJWTClaimsSet().getAudience()).containsExactly(audience);
	}

	static Stream<String> reservedNames() {
		return Stream.of("aud", "exp", "iat", "nbf", "iss", "actort", "acr", "azp", "c_hash", "jti", "nonce");
	}

	@ParameterizedTest
	@MethodSource("reservedNames")
	void reservedClaimNamesArePrefixed(String name) throws ParseException {
		JWTClaimsSet claims = claims(ClientTokenRequest.builder("chat").userId("u").claim(name, "mine").build());
		assertThat(claims.getStringClaim("asrs.u." + name)).isEqualTo("mine");
		assertThat(claims.getAudience()).containsExactly("https://demo.service.signalr.net/client/?hub=chat");
		assertThat(claims.getNotBeforeTime()).isEqualTo(seconds(NOW_SECONDS));
		assertThat(claims.getIssuer()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "name", "email", "nameid", "unique_name", "asrs.u.custom", "http://schemas.example/claim" })
	void otherClaimNamesAreKept(String name) throws ParseException {
		JWTClaimsSet claims = claims(ClientTokenRequest.builder("chat").claim(name, "value").build());
		assertThat(claims.getStringClaim(name)).isEqualTo("value");
	}

	@Test
	void firstSubjectIsKeptAndOthersArePrefixed() throws ParseException {
		JWTClaimsSet claims = claims(ClientTokenRequest.builder("chat").claim("sub", "first", "second", "third").build());
		assertThat(claims.getSubject()).isEqualTo("first");
		assertThat(claims.getStringListClaim("asrs.u.sub")).containsExactly("second", "third");
	}

	@Test
	void claimWithSeveralValuesIsAnArray() throws ParseException {
		JWTClaimsSet claims = claims(
				ClientTokenRequest.builder("chat").claim("group", "a").claim("group", "b").claim("team", "x").build());
		assertThat(claims.getStringListClaim("group")).containsExactly("a", "b");
		assertThat(claims.getClaim("team")).isEqualTo("x");
	}

	@Test
	void prefixedAndOriginalOfOneNameMerge() throws ParseException {
		JWTClaimsSet claims = claims(
				ClientTokenRequest.builder("chat").claim("asrs.u.jti", "one").claim("jti", "two").build());
		assertThat(claims.getStringListClaim("asrs.u.jti")).containsExactly("one", "two");
		assertThat(claims.getClaim("jti")).isNull();
	}

	@Test
	void oneRoleIsAString() throws ParseException {
		assertThat(claims(ClientTokenRequest.builder("chat").roles("admin").build()).getClaim("role"))
			.isEqualTo("admin");
	}

	@Test
	void severalRolesAreAnArray() throws ParseException {
		assertThat(claims(ClientTokenRequest.builder("chat").roles("admin", "reader").build())
			.getStringListClaim("role")).containsExactly("admin", "reader");
	}

	@Test
	void rolesMergeWithRoleClaims() throws ParseException {
		JWTClaimsSet claims = claims(ClientTokenRequest.builder("chat").claim("role", "owner").roles("admin").build());
		assertThat(claims.getStringListClaim("role")).containsExactly("owner", "admin");
	}

	@Test
	void serviceFeaturesAreAsrsSystemClaimsInDotNetOrder() {
		Instant expiresOn = Instant.parse("2026-11-23T12:00:00Z");
		ClientTokenRequest request = ClientTokenRequest.builder("chat")
			.userId("user-1")
			.diagnosticClient(true)
			.enableDetailedErrors(true)
			.maxPollInterval(Duration.ofSeconds(30))
			.closeOnAuthenticationExpiration(expiresOn)
			.claim("email", "u@example.com")
			.roles("admin")
			.build();
		String token = this.tokens.clientToken(this.endpoint, request);
		verified(token, KEY);
		assertThat(payloadJson(token)).isEqualTo("{\"asrs.s.uid\":\"user-1\",\"asrs.s.dc\":\"true\","
				+ "\"asrs.s.derror\":\"True\",\"asrs.s.ttl\":\"30\",\"asrs.s.coae\":\"true\",\"asrs.s.aeo\":\""
				+ expiresOn.getEpochSecond() + "\",\"email\":\"u@example.com\",\"role\":\"admin\",\"nbf\":"
				+ NOW_SECONDS + ",\"exp\":" + (NOW_SECONDS + 3600) + ",\"iat\":" + NOW_SECONDS
				+ ",\"aud\":\"https://demo.service.signalr.net/client/?hub=chat\"}");
	}

	@Test
	void unusedFeaturesAddNoClaims() throws ParseException {
		assertThat(claims(ClientTokenRequest.of("chat", "u")).getClaims()).containsOnlyKeys("asrs.s.uid", "nbf", "exp",
				"iat", "aud");
	}

	@Test
	void defaultLifetimeIsOneHourFromNow() throws ParseException {
		JWTClaimsSet claims = claims(ClientTokenRequest.of("chat", "u"));
		assertThat(claims.getNotBeforeTime()).isEqualTo(seconds(NOW_SECONDS));
		assertThat(claims.getIssueTime()).isEqualTo(seconds(NOW_SECONDS));
		assertThat(claims.getExpirationTime()).isEqualTo(seconds(NOW_SECONDS + 3600));
		assertThat(new SignalRTokenService().getDefaultLifetime()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void requestLifetimeOverridesTheDefault() throws ParseException {
		JWTClaimsSet claims = claims(ClientTokenRequest.builder("chat").lifetime(Duration.ofMinutes(5)).build());
		assertThat(claims.getIssueTime()).isEqualTo(seconds(NOW_SECONDS));
		assertThat(claims.getExpirationTime()).isEqualTo(seconds(NOW_SECONDS + 300));
	}

	@Test
	void everyLifetimeIsCappedAtTheMaximum() throws ParseException {
		assertThat(this.tokens.getMaxLifetime()).isEqualTo(Duration.ofHours(24));
		JWTClaimsSet week = claims(ClientTokenRequest.builder("chat").lifetime(Duration.ofDays(7)).build());
		assertThat(week.getExpirationTime()).isEqualTo(seconds(NOW_SECONDS + 24 * 3600));
		this.tokens.setMaxLifetime(Duration.ofMinutes(30));
		JWTClaimsSet client = claims(ClientTokenRequest.of("chat"));
		assertThat(client.getExpirationTime()).isEqualTo(seconds(NOW_SECONDS + 1800));
		JWTClaimsSet rest = verified(this.tokens.restToken(this.endpoint, "https://demo.service.signalr.net/api/x",
				Duration.ofHours(5)), KEY).getJWTClaimsSet();
		assertThat(rest.getExpirationTime()).isEqualTo(seconds(NOW_SECONDS + 1800));
	}

	@Test
	void theLongestLifetimeIssuedIsKnown() {
		assertThat(this.tokens.getLongestIssuedLifetime()).isEqualTo(Duration.ofHours(1));
		this.tokens.clientToken(this.endpoint, ClientTokenRequest.builder("chat").lifetime(Duration.ofMinutes(5)).build());
		assertThat(this.tokens.getLongestIssuedLifetime()).isEqualTo(Duration.ofHours(1));
		this.tokens.clientToken(this.endpoint, ClientTokenRequest.builder("chat").lifetime(Duration.ofHours(3)).build());
		assertThat(this.tokens.getLongestIssuedLifetime()).isEqualTo(Duration.ofHours(3));
		this.tokens.clientToken(this.endpoint, ClientTokenRequest.builder("chat").lifetime(Duration.ofDays(3)).build());
		assertThat(this.tokens.getLongestIssuedLifetime()).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void serviceDefaultLifetimeApplies() throws ParseException {
		SignalRTokenService tokens = new SignalRTokenService(Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));
		JWTClaimsSet claims = verified(tokens.clientToken(this.endpoint, ClientTokenRequest.of("chat")), KEY)
			.getJWTClaimsSet();
		assertThat(claims.getExpirationTime()).isEqualTo(seconds(NOW_SECONDS + 600));
	}

	@Test
	void tokenFromTheSystemClockIsCurrent() throws ParseException {
		long before = Instant.now().getEpochSecond();
		String token = new SignalRTokenService().clientToken(this.endpoint, ClientTokenRequest.of("chat"));
		long after = Instant.now().getEpochSecond();
		JWTClaimsSet claims = verified(token, KEY).getJWTClaimsSet();
		assertThat(claims.getIssueTime().getTime() / 1000).isBetween(before, after);
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 999 })
	void lifetimeUnderOneSecondIsRefused(long millis) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SignalRTokenService(Duration.ofMillis(millis), Clock.systemUTC()))
			.withMessageContaining("at least one second");
	}

	@Test
	void tokenOverTheLimitIsRefusedWithoutTheToken() {
		ClientTokenRequest request = ClientTokenRequest.builder("chat").claim("big", "x".repeat(5000)).build();
		AccessTokenTooLongException ex = catchThrowableOfType(
				() -> this.tokens.clientToken(this.endpoint, request), AccessTokenTooLongException.class);
		assertThat(ex.getLength()).isGreaterThan(SignalRTokenService.MAX_TOKEN_LENGTH);
		assertThat(ex.getMaxLength()).isEqualTo(4096);
		assertThat(ex).hasMessageContaining("4096").hasMessageNotContaining("eyJ");
	}

	@Test
	void tokensUpToTheLimitPassAndLongerOnesAreRefused() {
		int longest = 0;
		int shortestRefused = Integer.MAX_VALUE;
		for (int size = 2780; size < 2900; size++) {
			ClientTokenRequest request = ClientTokenRequest.builder("chat").claim("big", "x".repeat(size)).build();
			try {
				longest = Math.max(longest, this.tokens.clientToken(this.endpoint, request).length());
			}
			catch (AccessTokenTooLongException ex) {
				shortestRefused = Math.min(shortestRefused, ex.getLength());
			}
		}
		// Unpadded base64 grows by 1 or 2 characters per claim byte: the edge is met within a character or two.
		assertThat(longest).isBetween(4094, 4096);
		assertThat(shortestRefused).isBetween(4097, 4099);
	}

	@Test
	void endpointWithoutKeyIsRefusedNamingIt() {
		ServiceEndpoint entra = endpoint("https://demo.service.signalr.net", null, null, null);
		ServiceEndpoint east = new ServiceEndpoint("east", EndpointType.SECONDARY, entra.connectionString(), null, true);
		assertThatExceptionOfType(AccessKeyUnavailableException.class)
			.isThrownBy(() -> this.tokens.clientToken(east, ClientTokenRequest.of("chat")))
			.withMessageContaining("east:secondary")
			.satisfies((ex) -> assertThat(ex.getEndpointId()).isEqualTo(east.id()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1chat", "_chat", "chat room", "chat/room", "chat?x=1", "chät" })
	void invalidHubIsRefused(String hub) {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientTokenRequest.of(hub))
			.withMessageContaining("hub name");
		assertThatIllegalArgumentException().isThrownBy(() -> this.tokens.clientUrl(this.endpoint, hub));
	}

	@Test
	void longestValidHubIsAccepted() throws ParseException {
		String hub = "H" + "a".repeat(127);
		assertThat(claims(ClientTokenRequest.of(hub)).getAudience())
			.containsExactly("https://demo.service.signalr.net/client/?hub=h" + "a".repeat(127));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientTokenRequest.of(hub + "a"));
	}

	@Test
	void unicodeAndEscapedClaimValuesRoundTrip() throws ParseException {
		Map<String, String> values = Map.of("quote", "say \"hi\"", "backslash", "a\\b", "newline", "a\nb",
				"control", "\u0001", "accents", "Zoë Ñandú", "cjk", "用户", "emoji", "\uD83D\uDE00");
		ClientTokenRequest.Builder builder = ClientTokenRequest.builder("chat").userId("用户-\"1\"");
		values.forEach((name, value) -> builder.claim(name, value));
		JWTClaimsSet claims = claims(builder.build());
		assertThat(claims.getStringClaim("asrs.s.uid")).isEqualTo("用户-\"1\"");
		values.forEach((name, value) -> assertThat(claims.getClaim(name)).as(name).isEqualTo(value));
	}

	@Test
	void prefixingLeavesTheRequestAsItWas() {
		ClientTokenRequest request = ClientTokenRequest.builder("chat").claim("aud", "mine").build();
		this.tokens.clientToken(this.endpoint, request);
		assertThat(request.claims()).isEqualTo(Map.of("aud", List.of("mine")));
	}

	private JWTClaimsSet claims(ClientTokenRequest request) throws ParseException {
		return verified(this.tokens.clientToken(this.endpoint, request), KEY).getJWTClaimsSet();
	}

	private static Date seconds(long epochSeconds) {
		return new Date(epochSeconds * 1000);
	}

}
