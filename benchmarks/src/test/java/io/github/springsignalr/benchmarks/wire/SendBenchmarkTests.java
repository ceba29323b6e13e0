package io.github.springsignalr.benchmarks.wire;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SendBenchmark}'s set-up runs {@link SendEquivalence} against its own emulator and leaves every way sending
 * successfully, call after call.
 */
class SendBenchmarkTests {

	private final SendBenchmark benchmark = new SendBenchmark();

	@BeforeEach
	void setUp() {
		this.benchmark.setUp();
	}

	@AfterEach
	void tearDown() {
		this.benchmark.tearDown();
	}

	@Test
	void everyWaySendsAgainAndAgain() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(this.benchmark.signalRTemplate().succeeded()).isTrue();
			assertThat(this.benchmark.rawHttpClient()).isEqualTo(202);
			assertThat(this.benchmark.signalRTemplateSpringFactory().succeeded()).isTrue();
		}
	}

}
