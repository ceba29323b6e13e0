package io.github.springsignalr.benchmarks.defaultmode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.microsoft.signalr.HubConnection;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.github.springsignalr.benchmarks.defaultmode.BenchSetup.Mode;

/**
 * Default mode against serverless, side by side in one run, on in-process emulators and the official Java client:
 * invocation round trips (median, p99) and broadcast messages per second. Both modes are set up first, then measured
 * in alternating rounds (default, serverless, default, serverless…), so that a change in the machine's load falls
 * on both. Prints a table and writes the raw figures (every percentile, the environment) as JSON.
 * <pre class="code">
 * benchmarks/default-mode.sh [--rounds 3] [--round-trips 5000] [--warm-up 1000] [--messages 10000] [--out file]
 * </pre>
 */
public final class DefaultModeBenchmark {

	private DefaultModeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		int roundTrips = Integer.parseInt(options.getOrDefault("round-trips", "5000"));
		int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "1000"));
		int messages = Integer.parseInt(options.getOrDefault("messages", "10000"));
		int receivers = Integer.parseInt(options.getOrDefault("receivers", "2"));
		int senders = Integer.parseInt(options.getOrDefault("senders", "4"));
		Path out = Path.of(options.getOrDefault("out", "benchmarks/target/default-mode.json"));

		Map<String, Object> environment = environment();
		environment.put("loadAverageAtStart", loadAverage());
		Map<Mode, BenchSetup> setups = new EnumMap<>(Mode.class);
		Map<Mode, HubConnection> clients = new EnumMap<>(Mode.class);
		Map<Mode, Latencies> latencies = new EnumMap<>(Mode.class);
		Map<Mode, List<Broadcasts.Result>> broadcasts = new EnumMap<>(Mode.class);
		Map<Mode, List<Map<String, Double>>> roundFigures = new EnumMap<>(Mode.class);
		try {
			for (Mode mode : Mode.values()) {
				setups.put(mode, BenchSetup.start(mode));
				clients.put(mode, setups.get(mode).connect());
				latencies.put(mode, new Latencies());
				broadcasts.put(mode, new ArrayList<>());
				roundFigures.put(mode, new ArrayList<>());
			}
			for (int round = 1; round <= rounds; round++) {
				for (Mode mode : Mode.values()) {
					Latencies measured = RoundTrips.measure(clients.get(mode), warmUp, roundTrips);
					latencies.get(mode).addAll(measured);
					roundFigures.get(mode).add(Map.of("medianMicros", measured.percentileMicros(50), "p99Micros",
							measured.percentileMicros(99)));
					System.out.printf("round %d, %-10s round trip: median %.0f µs, p99 %.0f µs (%d)%n", round, mode,
							measured.percentileMicros(50), measured.percentileMicros(99), measured.count());
				}
				for (Mode mode : Mode.values()) {
					// A first burst, half as long, warms the path (and the JIT); only the second counts.
					Broadcasts.measure(setups.get(mode), receivers, senders, Math.max(100, messages / 2));
					Broadcasts.Result result = Broadcasts.measure(setups.get(mode), receivers, senders, messages);
					broadcasts.get(mode).add(result);
					System.out.printf("round %d, %-10s broadcast: %.0f messages/s delivered (sends returned at %.0f/s)%n",
							round, mode, result.deliveredPerSecond(), result.sentPerSecond());
				}
			}
		}
		finally {
			clients.values().forEach((client) -> client.stop().blockingAwait(10, TimeUnit.SECONDS));
			setups.values().forEach(BenchSetup::close);
		}
		environment.put("loadAverageAtEnd", loadAverage());
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("environment", environment);
		report.put("settings", Map.of("rounds", rounds, "roundTripsPerRound", roundTrips, "warmUpPerRound", warmUp,
				"messagesPerRound", messages, "receivers", receivers, "senders", senders,
				"serverConnections", BenchSetup.SERVER_CONNECTIONS));
		Map<String, Object> results = new LinkedHashMap<>();
		for (Mode mode : Mode.values()) {
			Latencies all = latencies.get(mode);
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("roundTrips", all.count());
			figures.put("roundTripMedianMicros", all.percentileMicros(50));
			figures.put("roundTripP99Micros", all.percentileMicros(99));
			figures.put("roundTripMeanMicros", all.meanMicros());
			figures.put("roundTripRounds", roundFigures.get(mode));
			figures.put("roundTripDistributionMicros", all.distribution());
			figures.put("broadcasts", broadcasts.get(mode));
			results.put(mode.name().toLowerCase(), figures);
			System.out.printf("%-10s round trip median %.0f µs, p99 %.0f µs, mean %.0f µs over %d; broadcast %s "
					+ "messages/s delivered%n", mode, all.percentileMicros(50), all.percentileMicros(99),
					all.meanMicros(), all.count(), broadcasts.get(mode)
						.stream()
						.map((result) -> String.format("%.0f", result.deliveredPerSecond()))
						.toList());
		}
		report.put("results", results);
		Files.createDirectories(out.toAbsolutePath().getParent());
		JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(out.toFile(), report);
		System.out.println("Raw results in " + out);
	}

	private static Map<String, Object> environment() {
		Map<String, Object> environment = new LinkedHashMap<>();
		environment.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		environment.put("host", hostName());
		environment.put("processors", Runtime.getRuntime().availableProcessors());
		environment.put("cpu", cpuModel());
		environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		environment.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		environment.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
		environment.put("maxHeapMegabytes", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		return environment;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException | RuntimeException ex) {
			return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Options are --name value pairs: --rounds, --round-trips, "
						+ "--warm-up, --messages, --receivers, --senders, --out; not '" + args[i] + "'");
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}

}
