package io.github.springsignalr.benchmarks.wire;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every layer {@link SendCostBenchmark} measures sends a request the emulator accepts, call after call.
 */
class SendCostBenchmarkTests {

	private final SendCostBenchmark benchmark = new SendCostBenchmark();

	@BeforeEach
	void setUp() {
		this.benchmark.setUp();
	}

	@AfterEach
	void tearDown() {
		this.benchmark.tearDown();
	}

	@Test
	void everyLayerSendsAgainAndAgain() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(this.benchmark.rawChunked()).isEqualTo(202);
			assertThat(this.benchmark.requestFactory()).isEqualTo(202);
			assertThat(this.benchmark.requestFactoryBare()).isEqualTo(202);
			assertThat(this.benchmark.byteArrayFactory()).isEqualTo(202);
			assertThat(this.benchmark.restClientByteArray()).isEqualTo(202);
			assertThat(this.benchmark.restClient()).isEqualTo(202);
			assertThat(this.benchmark.restClientBuffered()).isEqualTo(202);
		}
	}

}
