package io.github.springsignalr.token;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.SignedJWT;
import io.github.springsignalr.endpoint.ServiceEndpoint;
import org.junit.jupiter.api.Test;

import static io.github.springsignalr.token.TokenTestSupport.KEY;
import static io.github.springsignalr.token.TokenTestSupport.OTHER_KEY;
import static io.github.springsignalr.token.TokenTestSupport.endpoint;
import static io.github.springsignalr.token.TokenTestSupport.verified;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads signing at once with the shared prepared signers, from the very first token on, get tokens that
 * verify, each with its own claims.
 */
class SignalRTokenServiceConcurrencyTests {

	private static final int THREADS = 8;

	private static final int TOKENS_PER_THREAD = 500;

	private final SignalRTokenService tokens = new SignalRTokenService();

	private final ServiceEndpoint east = endpoint("https://east.service.signalr.net", null, null, KEY);

	private final ServiceEndpoint west = endpoint("https://west.service.signalr.net", null, null, OTHER_KEY);

	@Test
	void concurrentSigningGivesVerifiableTokens() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<String>>> results = new ArrayList<>();
			for (int thread = 0; thread < THREADS; thread++) {
				int id = thread;
				results.add(executor.submit(signAfter(start, id)));
			}
			start.countDown();
			for (int thread = 0; thread < THREADS; thread++) {
				List<String> signed = results.get(thread).get(60, TimeUnit.SECONDS);
				assertThat(signed).hasSize(TOKENS_PER_THREAD);
				for (int i = 0; i < signed.size(); i++) {
					boolean onEast = (i % 2 == 0);
					SignedJWT jwt = verified(signed.get(i), onEast ? KEY : OTHER_KEY);
					assertThat(jwt.getJWTClaimsSet().getStringClaim("asrs.s.uid")).isEqualTo(userId(thread, i));
					assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(
							"https://" + (onEast ? "east" : "west") + ".service.signalr.net/client/?hub=chat");
				}
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private Callable<List<String>> signAfter(CountDownLatch start, int thread) {
		return () -> {
			start.await();
			List<String> signed = new ArrayList<>(TOKENS_PER_THREAD);
			for (int i = 0; i < TOKENS_PER_THREAD; i++) {
				ServiceEndpoint endpoint = (i % 2 == 0) ? this.east : this.west;
				signed.add(this.tokens.clientToken(endpoint, ClientTokenRequest.of("chat", userId(thread, i))));
			}
			return signed;
		};
	}

	private static String userId(int thread, int i) {
		return "user-" + thread + "-" + i;
	}

}
