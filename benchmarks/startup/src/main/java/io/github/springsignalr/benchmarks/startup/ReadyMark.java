package io.github.springsignalr.benchmarks.startup;

import java.time.Duration;

/**
 * The moment the application is ready. Its own top-level class, loaded only then: every class before it in the
 * {@code -Xlog:class+load} log was loaded to start the application (a nested class would not do, Spring loads a
 * configuration class's member classes while it parses it). Also prints the CPU time the process has used so far, a
 * figure that a busy machine disturbs less than the wall clock.
 */
final class ReadyMark {

	private ReadyMark() {
	}

	static void mark() {
		Duration cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
		System.out.println("startup-benchmark: ready, cpu " + cpu.toMillis() + " ms");
	}

}
