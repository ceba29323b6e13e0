package io.github.springsignalr.benchmarks.wire;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.benchmarks.wire.RecordingProxy.Recorded;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.emulator.junit.SignalREmulatorTest;
import io.github.springsignalr.endpoint.EndpointType;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import io.github.springsignalr.token.SignalRTokenService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The check that makes {@link SendBenchmark} compare equal work: the raw send passes it, and a raw send that differs
 * from the template's in anything the service would see fails it, whether the emulator refuses it or not.
 */
@SignalREmulatorTest
class SendEquivalenceTests {

	private static final String OTHER_KEY = "YmVuY2htYXJrLW9ubHkta2V5LW5vdC1hLXNlY3JldDM=";

	@Test
	void theRawSendIsTheTemplates(SignalREmulator emulator) {
		List<Recorded> recorded = SendEquivalence.sendBothWays(emulator, RawSend::to);
		assertThat(recorded).extracting(Recorded::method).containsExactly("POST", "POST");
		assertThat(recorded).extracting(Recorded::path)
			.containsExactly("/api/hubs/chat/:send", "/api/hubs/chat/:send");
		assertThat(recorded).extracting(Recorded::status).containsExactly(202, 202);
		assertThatNoException().isThrownBy(() -> SendEquivalence.compare(recorded.get(0), recorded.get(1),
				key(emulator)));
	}

	@Test
	void anotherArgumentFails(SignalREmulator emulator) {
		byte[] body = "{\"target\":\"newMessage\",\"arguments\":[\"hallo\"]}".getBytes(StandardCharsets.UTF_8);
		assertFails(emulator, (connectionString, tokens) -> RawSend.to(connectionString, tokens).withBody(body), "body");
	}

	@Test
	void bodyMembersInAnotherOrderPass(SignalREmulator emulator) {
		byte[] body = "{\"arguments\":[\"hello\"],\"target\":\"newMessage\"}".getBytes(StandardCharsets.UTF_8);
		assertThatNoException().isThrownBy(() -> SendEquivalence.check(emulator,
				(connectionString, tokens) -> RawSend.to(connectionString, tokens).withBody(body)));
	}

	@Test
	void anotherHubFails(SignalREmulator emulator) {
		// Signed for its own URL, so that the emulator accepts it.
		assertFails(emulator, (connectionString, tokens) -> signedFor(RawSend.to(connectionString, tokens),
				connectionString, tokens,
				"/api/hubs/other/:send?api-version=2022-06-01"), "path");
	}

	@Test
	void anotherApiVersionFails(SignalREmulator emulator) {
		assertFails(emulator, (connectionString, tokens) -> signedFor(RawSend.to(connectionString, tokens),
				connectionString, tokens,
				"/api/hubs/chat/:send?api-version=2021-10-01"), "query");
	}

	@Test
	void anotherContentTypeFails(SignalREmulator emulator) {
		assertFails(emulator,
				(connectionString, tokens) -> RawSend.to(connectionString, tokens).withContentType("application/json;charset=UTF-8"),
				"headers");
	}

	@Test
	void noContentTypeFails(SignalREmulator emulator) {
		assertFails(emulator, (connectionString, tokens) -> RawSend.to(connectionString, tokens).withContentType(null),
				"not the template's");
	}

	@Test
	void aTokenOfAnotherKeyIsRefused(SignalREmulator emulator) {
		assertFails(emulator, (connectionString, tokens) -> {
			RawSend raw = RawSend.to(connectionString, tokens);
			ServiceEndpoint other = ServiceEndpoint.of("other", EndpointType.PRIMARY,
					connectionString.replace(emulator.accessKey(KeyType.PRIMARY), OTHER_KEY));
			String audience = "http://localhost" + RawSend.PATH_AND_QUERY;
			return raw.withToken(() -> tokens.restToken(other, audience));
		}, "answered the raw send 401");
	}

	@Test
	void aTokenNamingAnotherServerFails(SignalREmulator emulator) {
		// Another token service names another server (nameid): the emulator accepts it, the check does not.
		assertFails(emulator, (connectionString, tokens) -> RawSend.to(connectionString, new SignalRTokenService()),
				"claims");
	}

	@Test
	void aTokenOfAnotherKeyFailsEvenIfAccepted(SignalREmulator emulator) {
		List<Recorded> recorded = SendEquivalence.sendBothWays(emulator, RawSend::to);
		Recorded raw = withToken(recorded.get(1), resigned(token(recorded.get(1)), (claims) -> claims,
				OTHER_KEY.getBytes(StandardCharsets.UTF_8)));
		assertThatIllegalStateException()
			.isThrownBy(() -> SendEquivalence.compare(recorded.get(0), raw, key(emulator)))
			.withMessageContaining("raw token does not verify");
	}

	@Test
	void anExpiredTokenFailsEvenIfAccepted(SignalREmulator emulator) {
		List<Recorded> recorded = SendEquivalence.sendBothWays(emulator, RawSend::to);
		Date past = new Date(System.currentTimeMillis() - Duration.ofMinutes(5).toMillis());
		Recorded raw = withToken(recorded.get(1), resigned(token(recorded.get(1)),
				(claims) -> new JWTClaimsSet.Builder(claims).expirationTime(past).build(), key(emulator)));
		assertThatIllegalStateException()
			.isThrownBy(() -> SendEquivalence.compare(recorded.get(0), raw, key(emulator)))
			.withMessageContaining("expired");
	}

	@Test
	void anExtraClaimFailsEvenIfAccepted(SignalREmulator emulator) {
		List<Recorded> recorded = SendEquivalence.sendBothWays(emulator, RawSend::to);
		Recorded raw = withToken(recorded.get(1), resigned(token(recorded.get(1)),
				(claims) -> new JWTClaimsSet.Builder(claims).claim("asrs.s.uid", "user-1").build(), key(emulator)));
		assertThatIllegalStateException()
			.isThrownBy(() -> SendEquivalence.compare(recorded.get(0), raw, key(emulator)))
			.withMessageContaining("claims");
	}

	@Test
	void aFailureNeverShowsTheToken(SignalREmulator emulator) {
		List<Recorded> recorded = SendEquivalence.sendBothWays(emulator,
				(connectionString, tokens) -> RawSend.to(connectionString, tokens).withContentType("text/plain"));
		assertThatIllegalStateException()
			.isThrownBy(() -> SendEquivalence.compare(recorded.get(0), recorded.get(1), key(emulator)))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(token(recorded.get(0)))
				.doesNotContain(token(recorded.get(1)))
				.doesNotContain(emulator.accessKey(KeyType.PRIMARY)));
	}

	private static void assertFails(SignalREmulator emulator, BiFunction<String, SignalRTokenService, RawSend> raw,
			String problem) {
		assertThatIllegalStateException().isThrownBy(() -> SendEquivalence.check(emulator, raw))
			.withMessageContaining("The raw send is not the template's")
			.withMessageContaining(problem);
	}

	private static RawSend signedFor(RawSend raw, String connectionString, SignalRTokenService tokens,
			String pathAndQuery) {
		ServiceEndpoint endpoint = ServiceEndpoint.of("raw", EndpointType.PRIMARY, connectionString);
		String audience = endpoint.connectionString().audienceBase() + pathAndQuery;
		URI uri = URI.create(raw.uri().toString().replace(RawSend.PATH_AND_QUERY, pathAndQuery));
		return raw.withUri(uri).withToken(() -> tokens.restToken(endpoint, audience));
	}

	private static byte[] key(SignalREmulator emulator) {
		return emulator.accessKey(KeyType.PRIMARY).getBytes(StandardCharsets.UTF_8);
	}

	private static String token(Recorded request) {
		return request.header("authorization").substring("Bearer ".length());
	}

	private static Recorded withToken(Recorded request, String token) {
		Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
		headers.put("authorization", List.of("Bearer " + token));
		return new Recorded(request.method(), request.path(), request.query(), headers, request.body(),
				request.status());
	}

	private static String resigned(String token, Function<JWTClaimsSet, JWTClaimsSet> change, byte[] key) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			SignedJWT changed = new SignedJWT(jwt.getHeader(), change.apply(jwt.getJWTClaimsSet()));
			changed.sign(new MACSigner(key));
			return changed.serialize();
		}
		catch (java.text.ParseException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
