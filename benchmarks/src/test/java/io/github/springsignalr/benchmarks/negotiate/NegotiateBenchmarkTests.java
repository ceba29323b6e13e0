package io.github.springsignalr.benchmarks.negotiate;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link NegotiateBenchmark} measures is a real negotiation: the handler answers 200 with the body clients
 * expect, its token verifies with the key of the endpoint its URL names, and both endpoints are picked.
 */
class NegotiateBenchmarkTests {

	private static final Map<String, String> KEYS = Map.of(NegotiateBenchmark.FIRST_URL, NegotiateBenchmark.FIRST_KEY,
			NegotiateBenchmark.SECOND_URL, NegotiateBenchmark.SECOND_KEY);

	private final JsonMapper json = JsonMapper.builder().build();

	private final NegotiateBenchmark benchmark = new NegotiateBenchmark();

	@BeforeEach
	void setUp() {
		this.benchmark.setUp();
	}

	@Test
	void handlerAnswersWithUrlAndTokenOfOneEndpoint() throws Exception {
		MockHttpServletResponse response = this.benchmark.handler();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("application/json");
		Map<String, Object> body = read(response.getContentAsByteArray());
		assertThat(body).containsOnlyKeys("negotiateVersion", "url", "accessToken", "availableTransports");
		assertThat(body).containsEntry("negotiateVersion", 0).containsEntry("availableTransports", List.of());
		assertNegotiated(body);
	}

	@Test
	void handlerAnswersEveryCallAlike() throws Exception {
		// A benchmark calls it over and over with the same servlet request.
		for (int i = 0; i < 3; i++) {
			MockHttpServletResponse response = this.benchmark.handler();
			assertThat(response.getStatus()).isEqualTo(200);
			assertNegotiated(read(response.getContentAsByteArray()));
		}
	}

	@Test
	void negotiatorAndJsonWriteTheHandlersBody() throws Exception {
		Map<String, Object> body = read(this.benchmark.negotiatorAndJson());
		Map<String, Object> handlers = read(this.benchmark.handler().getContentAsByteArray());
		assertThat(body.keySet()).containsExactlyElementsOf(handlers.keySet());
		assertNegotiated(body);
	}

	@Test
	void negotiationsGoToBothEndpoints() {
		Set<String> urls = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			urls.add(this.benchmark.negotiator().url());
		}
		// A uniform pick misses one of two endpoints in 200 tries with a probability of 2^-199.
		assertThat(urls).containsExactlyInAnyOrder(NegotiateBenchmark.FIRST_URL + "/client/?hub=chat",
				NegotiateBenchmark.SECOND_URL + "/client/?hub=chat");
	}

	private void assertNegotiated(Map<String, Object> body) throws Exception {
		String url = (String) body.get("url");
		String service = url.substring(0, url.indexOf("/client/"));
		assertThat(KEYS).containsKey(service);
		assertThat(url).isEqualTo(service + "/client/?hub=" + NegotiateBenchmark.HUB);
		SignedJWT token = SignedJWT.parse((String) body.get("accessToken"));
		assertThat(token.verify(new MACVerifier(KEYS.get(service).getBytes(StandardCharsets.UTF_8))))
			.as("the token verifies with the key of " + service)
			.isTrue();
		JWTClaimsSet claims = token.getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly(url);
		assertThat(claims.getStringClaim("asrs.s.uid")).isEqualTo(NegotiateBenchmark.USER_ID);
	}

	private Map<String, Object> read(byte[] content) {
		return this.json.readValue(content, new TypeReference<Map<String, Object>>() {
		});
	}

}
