package io.github.springsignalr.benchmarks.defaultmode;

import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.springsignalr.benchmarks.defaultmode.BenchSetup.Mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link DefaultModeBenchmark}'s set-up works in both modes and measures what it says: in default mode the
 * application holds its server connections and the emulator has no upstream, in serverless mode it holds none and
 * the emulator calls its upstream; the round trip answers the echo; a broadcast reaches every receiver; and the
 * percentiles are exact.
 */
class DefaultModeBenchmarkSetupTests {

	private static BenchSetup defaultMode;

	private static BenchSetup serverless;

	@BeforeAll
	static void start() {
		defaultMode = BenchSetup.start(Mode.DEFAULT);
		serverless = BenchSetup.start(Mode.SERVERLESS);
	}

	@AfterAll
	static void stop() {
		defaultMode.close();
		serverless.close();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void theRoundTripAnswersTheEchoAndABroadcastReachesEveryReceiver(Mode mode) throws Exception {
		BenchSetup setup = (mode == Mode.DEFAULT) ? defaultMode : serverless;
		assertThat(setup.service().serverConnectionCount(EchoHub.HUB))
			.isEqualTo((mode == Mode.DEFAULT) ? BenchSetup.SERVER_CONNECTIONS : 0);
		assertThat(setup.service().upstream() != null).as("the emulator's upstream").isEqualTo(mode == Mode.SERVERLESS);
		HubConnection client = setup.connect();
		try {
			assertThat(client.invoke(String.class, "echo", "ping").blockingGet()).isEqualTo("ping!");
			Latencies latencies = RoundTrips.measure(client, 5, 20);
			assertThat(latencies.count()).isEqualTo(20);
			assertThat(latencies.percentileMicros(50)).isPositive().isLessThanOrEqualTo(latencies.percentileMicros(99));
		}
		finally {
			client.stop().blockingAwait(10, TimeUnit.SECONDS);
		}
		Broadcasts.Result result = Broadcasts.measure(setup, 2, 2, 50);
		assertThat(result.deliveredPerSecond()).isPositive();
	}

	@Test
	void percentilesAreTheNearestRankOfTheSortedSamples() {
		Latencies latencies = new Latencies();
		for (int micros = 100; micros >= 1; micros--) {
			latencies.record(micros * 1000L);
		}
		assertThat(latencies.percentileMicros(50)).isEqualTo(50.0);
		assertThat(latencies.percentileMicros(99)).isEqualTo(99.0);
		assertThat(latencies.percentileMicros(100)).isEqualTo(100.0);
		assertThat(latencies.meanMicros()).isEqualTo(50.5);
		assertThat(latencies.distribution()).containsEntry("p1", 1.0).containsEntry("max", 100.0);
		assertThatIllegalStateException().isThrownBy(() -> new Latencies().percentileMicros(50));
	}

}
