package io.github.springsignalr.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link ClientTokenCostBenchmark}'s steps are our token's: together they compute its signature.
 */
class ClientTokenCostBenchmarkTests {

	@Test
	void stepsComputeOurTokensSignature() {
		ClientTokenCostBenchmark benchmark = new ClientTokenCostBenchmark();
		// The set-up checks that the cloned HMAC over the payload is the signature of a token from the service.
		assertThatNoException().isThrownBy(benchmark::setUp);
		assertThat(benchmark.clonedMacOverPayload()).hasSize(32);
		assertThat(benchmark.base64Claims()).isNotEmpty();
	}

}
