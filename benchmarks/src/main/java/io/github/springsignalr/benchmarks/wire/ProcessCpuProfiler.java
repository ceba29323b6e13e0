package io.github.springsignalr.benchmarks.wire;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time the benchmark's process spent per operation, every thread counted: the callers, the HTTP client's
 * threads, and for {@link SendBenchmark} the emulator's. On a shared machine throughput also measures the waits for a
 * core; CPU time per operation does much less so. Use with {@code -prof
 * io.github.springsignalr.benchmarks.wire.ProcessCpuProfiler}; it reports {@code ·cpu.process} in µs per operation.
 */
public class ProcessCpuProfiler implements InternalProfiler {

	private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private long start;

	@Override
	public String getDescription() {
		return "CPU time of the whole process per operation";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.start = this.os.getProcessCpuTime();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
			IterationParams iterationParams, IterationResult result) {
		long cpu = this.os.getProcessCpuTime() - this.start;
		long ops = result.getMetadata().getAllOps();
		double perOp = (ops > 0) ? cpu / 1000.0 / ops : Double.NaN;
		return List.of(new ScalarResult("cpu.process", perOp, "µs/op", AggregationPolicy.AVG));
	}

}
