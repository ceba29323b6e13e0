package io.github.springsignalr.benchmarks.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.benchmarks.wire.RecordingProxy.Recorded;
import io.github.springsignalr.emulator.KeyType;
import io.github.springsignalr.emulator.SignalREmulator;
import io.github.springsignalr.rest.SignalRTemplate;
import io.github.springsignalr.token.SignalRTokenService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Checks that {@link SendBenchmark} compares equal work: {@code SignalRTemplate.sendToAll} and {@link RawSend} each
 * send once through a {@link RecordingProxy} in front of the emulator, and the two requests must be the same on the
 * wire: method, path, query, every header (but the connection's own: {@code Connection}, {@code Upgrade},
 * {@code HTTP2-Settings}; and the body's framing, which must be one, true to the body: the template's request
 * factory, {@code JdkByteArrayRequestFactory}, buffers the body and gives its {@code Content-Length} as the raw send
 * does, where Spring's {@code JdkClientHttpRequestFactory} sent it chunked), the body as JSON (member order
 * may differ: the template writes a map), and a token that
 * verifies with the endpoint's key, names the request's URL as audience, is valid now, and carries the same header
 * and claims but for the clock's second. The emulator must have accepted both (202), so it verified both tokens too.
 * <p>
 * The benchmark sends with the same code to the emulator itself: only the port differs, which the token's audience
 * does not name.
 */
final class SendEquivalence {

	private static final Set<String> CONNECTION_HEADERS = Set.of("connection", "upgrade", "http2-settings");

	/** How the body is delimited on the wire: a message's framing, not part of what it says (RFC 9112, 6). */
	private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding");

	private static final JsonMapper json = JsonMapper.builder().build();

	private SendEquivalence() {
	}

	/**
	 * Sends once each way, {@link RawSend#to} for the raw one, and compares.
	 * @throws IllegalStateException when the requests differ, or the emulator refused one
	 */
	static void check(SignalREmulator emulator) {
		check(emulator, RawSend::to);
	}

	/**
	 * Sends once each way, the raw one as {@code raw} builds it for a connection string and the application's token
	 * service, and compares.
	 */
	static void check(SignalREmulator emulator, BiFunction<String, SignalRTokenService, RawSend> raw) {
		List<Recorded> recorded = sendBothWays(emulator, raw);
		compare(recorded.get(0), recorded.get(1), emulator.accessKey(KeyType.PRIMARY).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends once with the template, then once as {@code raw} builds it, through a recording proxy in front of the
	 * emulator, and answers the two requests as received, in that order.
	 */
	static List<Recorded> sendBothWays(SignalREmulator emulator,
			BiFunction<String, SignalRTokenService, RawSend> raw) {
		try (RecordingProxy proxy = new RecordingProxy(emulator.endpoint())) {
			String connectionString = connectionString(proxy.port(), emulator.accessKey(KeyType.PRIMARY));
			SignalRTokenService tokens;
			try (ConfigurableApplicationContext context = WireApp.withoutServer(connectionString)) {
				context.getBean(SignalRTemplate.class).sendToAll(RawSend.HUB, RawSend.TARGET, RawSend.ARGUMENT);
				tokens = context.getBean(SignalRTokenService.class);
			}
			raw.apply(connectionString, tokens).send();
			List<Recorded> recorded = proxy.recorded();
			if (recorded.size() != 2) {
				throw new IllegalStateException("Expected one request each way, got " + recorded.size());
			}
			return recorded;
		}
		catch (IOException ex) {
			throw new IllegalStateException("The recording proxy failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending", ex);
		}
	}

	/**
	 * The endpoint of {@code http://localhost} on a port, as the emulator prints its own.
	 */
	static String connectionString(int port, String accessKey) {
		return "Endpoint=http://localhost;Port=" + port + ";AccessKey=" + accessKey + ";Version=1.0;";
	}

	static void compare(Recorded template, Recorded raw, byte[] key) {
		require(template.status() == 202, "the emulator answered the template's send " + template.status());
		require(raw.status() == 202, "the emulator answered the raw send " + raw.status());
		require(template.method().equals(raw.method()), "method " + raw.method() + " is not " + template.method());
		require(template.path().equals(raw.path()), "path " + raw.path() + " is not " + template.path());
		require(String.valueOf(template.query()).equals(String.valueOf(raw.query())),
				"query " + raw.query() + " is not " + template.query());
		Map<String, List<String>> templateHeaders = requestHeaders(template);
		Map<String, List<String>> rawHeaders = requestHeaders(raw);
		require(templateHeaders.equals(rawHeaders),
				"headers " + quoted(rawHeaders) + " are not " + quoted(templateHeaders));
		requireFramed(template);
		requireFramed(raw);
		require(json.readTree(template.body()).equals(json.readTree(raw.body())),
				"body " + new String(raw.body(), StandardCharsets.UTF_8) + " is not "
						+ new String(template.body(), StandardCharsets.UTF_8));
		String audience = "http://localhost" + template.path() + "?" + template.query();
		compareTokens(token(template), token(raw), key, audience);
	}

	// The connection's own headers aside, and the token compared on its own, never printed.
	private static Map<String, List<String>> requestHeaders(Recorded request) {
		Map<String, List<String>> headers = new TreeMap<>(request.headers());
		headers.keySet().removeAll(CONNECTION_HEADERS);
		headers.keySet().removeAll(FRAMING_HEADERS);
		headers.remove("authorization");
		return headers;
	}

	// Every value quoted, so that two lines are told from one line with a comma.
	private static String quoted(Map<String, List<String>> headers) {
		StringBuilder text = new StringBuilder();
		headers.forEach((name, values) -> values.forEach((value) -> text.append(name).append(": \"").append(value)
			.append("\"; ")));
		return text.toString().trim();
	}

	// Either framing, but one, and true to the body received.
	private static void requireFramed(Recorded request) {
		String length = request.header("content-length");
		String transferEncoding = request.header("transfer-encoding");
		require((length != null) != (transferEncoding != null), "a request has both or neither of Content-Length "
				+ "and Transfer-Encoding");
		require(length == null || length.equals(Integer.toString(request.body().length)),
				"a request's Content-Length is not its body's");
		require(transferEncoding == null || transferEncoding.equalsIgnoreCase("chunked"),
				"a request's Transfer-Encoding is not chunked");
	}

	private static String token(Recorded request) {
		String authorization = request.header("authorization");
		require(authorization != null && authorization.startsWith("Bearer "),
				"a request has no single Authorization: Bearer header");
		return authorization.substring("Bearer ".length());
	}

	private static void compareTokens(String template, String raw, byte[] key, String audience) {
		try {
			SignedJWT ours = SignedJWT.parse(template);
			SignedJWT theirs = SignedJWT.parse(raw);
			require(ours.verify(new MACVerifier(key)), "the template's token does not verify with the key");
			require(theirs.verify(new MACVerifier(key)), "the raw token does not verify with the key");
			require(ours.getHeader().toJSONObject().equals(theirs.getHeader().toJSONObject()),
					"the tokens' headers differ");
			Map<String, Object> ourClaims = ours.getPayload().toJSONObject();
			Map<String, Object> theirClaims = theirs.getPayload().toJSONObject();
			require(withoutTimes(ourClaims).equals(withoutTimes(theirClaims)),
					"claims " + withoutTimes(theirClaims) + " are not " + withoutTimes(ourClaims));
			require(audience.equals(ourClaims.get("aud")), "the audience is not the request's URL");
			long now = Instant.now().getEpochSecond();
			for (Map<String, Object> claims : List.of(ourClaims, theirClaims)) {
				require(seconds(claims, "exp") > now, "a token has expired");
				require(seconds(claims, "iat") <= now + 1, "a token is issued in the future");
			}
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException("A token cannot be read", ex);
		}
	}

	private static Map<String, Object> withoutTimes(Map<String, Object> claims) {
		Map<String, Object> rest = new HashMap<>(claims);
		rest.keySet().removeAll(List.of("nbf", "exp", "iat"));
		return rest;
	}

	private static long seconds(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		require(value instanceof Number, "a token has no " + name);
		return ((Number) value).longValue();
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new IllegalStateException("The raw send is not the template's: " + problem);
		}
	}

}
