package io.github.springsignalr.benchmarks.defaultmode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Round-trip times, every one recorded (no bucketing): percentiles are read from the sorted samples, the nearest
 * rank, so they are exact.
 */
public final class Latencies {

	private long[] nanos = new long[1024];

	private int count;

	public void record(long nanos) {
		if (this.count == this.nanos.length) {
			this.nanos = Arrays.copyOf(this.nanos, this.count * 2);
		}
		this.nanos[this.count++] = nanos;
	}

	public void addAll(Latencies other) {
		for (int i = 0; i < other.count; i++) {
			record(other.nanos[i]);
		}
	}

	public int count() {
		return this.count;
	}

	/**
	 * @param percentile 0 to 100
	 * @return the sample at that nearest rank, in microseconds
	 */
	public double percentileMicros(double percentile) {
		if (this.count == 0) {
			throw new IllegalStateException("No samples");
		}
		long[] sorted = Arrays.copyOf(this.nanos, this.count);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100.0 * this.count);
		return sorted[Math.max(0, Math.min(this.count - 1, rank - 1))] / 1000.0;
	}

	public double meanMicros() {
		long sum = 0;
		for (int i = 0; i < this.count; i++) {
			sum += this.nanos[i];
		}
		return sum / (double) this.count / 1000.0;
	}

	/**
	 * Every whole percentile from 1 to 99, then 99.9, 99.99 and the maximum, in microseconds: the raw result.
	 */
	public Map<String, Double> distribution() {
		Map<String, Double> distribution = new LinkedHashMap<>();
		for (int p = 1; p <= 99; p++) {
			distribution.put("p" + p, percentileMicros(p));
		}
		distribution.put("p99.9", percentileMicros(99.9));
		distribution.put("p99.99", percentileMicros(99.99));
		distribution.put("max", percentileMicros(100));
		return distribution;
	}

}
