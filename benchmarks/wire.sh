#!/usr/bin/env bash
# Figures over the wire, in one run (see benchmarks/README.md, "Over the wire"):
#  1. negotiate through the whole HTTP stack against a trivial endpoint of the same application: the emulator and
#     WireApp (the starter on Tomcat) as separate processes, driven by wrk, the two endpoints alternating;
#  2. SignalRTemplate.sendToAll against a raw JDK HttpClient POST of the same request: SendBenchmark (JMH), whose
#     set-up proves the two requests the same, with one caller and with several.
# Prints both tables and the ratios; everything lands in benchmarks/target/wire/. About 4 minutes after the build.
#
# Settings (environment): WIRE_DURATION (10s), WIRE_WARMUP (10s), WIRE_ROUNDS (3), WIRE_THREADS (1, wrk's),
# WIRE_CONNECTIONS (8), WIRE_JMH_THREADS ("1 4"), WIRE_JMH ("-wi 2 -w 5s -i 3 -r 5s -f 1"),
# WIRE_COST (set: also SendCostBenchmark, the layers between the two, about 2½ minutes more per thread count),
# WIRE_SKIP_BUILD (set: use the jars already built), JAVA (java).
set -euo pipefail

cd "$(dirname "$0")/.."
duration=${WIRE_DURATION:-10s}
warmup=${WIRE_WARMUP:-10s}
rounds=${WIRE_ROUNDS:-3}
wrk_threads=${WIRE_THREADS:-1}
connections=${WIRE_CONNECTIONS:-8}
jmh_threads=${WIRE_JMH_THREADS:-1 4}
jmh_options=${WIRE_JMH:--wi 2 -w 5s -i 3 -r 5s -f 1}
java=${JAVA:-java}
jmh_benchmarks='wire.SendBenchmark'
[ -n "${WIRE_COST:-}" ] && jmh_benchmarks='wire.Send(Cost)?Benchmark'

out=benchmarks/target/wire
jar=benchmarks/target/benchmarks.jar
emulator_jar=signalr-emulator/target/signalr-emulator.jar

pids=()
stop() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
}
trap stop EXIT

# Waits until a command succeeds, at most $1 seconds.
await() {
	local seconds=$1
	shift
	for _ in $(seq $((seconds * 5))); do
		if "$@" 2>/dev/null; then
			return 0
		fi
		sleep 0.2
	done
	return 1
}

if ! command -v wrk >/dev/null; then
	echo "Installing wrk (Debian package wrk)"
	if [ "$(id -u)" -ne 0 ]; then
		echo "wrk is missing and this is not root: apt-get install wrk, then run again" >&2
		exit 1
	fi
	apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

if [ -z "${WIRE_SKIP_BUILD:-}" ]; then
	mvn -B -o -q -pl benchmarks -am package -DskipTests
fi

rm -rf "$out"
mkdir -p "$out"
# The emulator's banner holds its development keys: readable by this user only.
umask 077

echo "$(date -u '+%F %T') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$java" -version 2>&1 | sed -n 2p)" \
	| tee "$out/machine.txt"

# 1. Negotiate against the trivial endpoint, over HTTP.
"$java" -jar "$emulator_jar" --port 0 >"$out/emulator.log" 2>&1 &
pids+=($!)
await 60 grep -q '^  primary:' "$out/emulator.log" || { echo "The emulator did not start: $out/emulator.log" >&2; exit 1; }
connection_string=$(sed -n 's/^  primary: *//p' "$out/emulator.log")

AZURE_SIGNALR_CONNECTIONSTRING="$connection_string" "$java" -Dwire.port-file="$out/app.port" \
	-cp "$jar" io.github.springsignalr.benchmarks.wire.WireApp --server.port=0 --logging.level.root=WARN \
	>"$out/app.log" 2>&1 &
app=$!
pids+=("$app")
await 90 test -s "$out/app.port" || { echo "WireApp did not start: $out/app.log" >&2; exit 1; }
base="http://localhost:$(cat "$out/app.port")"
negotiate="$base/chat/negotiate?negotiateVersion=1"
hello="$base/hello"

# Both answer as they should before anything is measured.
curl -fsS -X POST "$negotiate" | grep -q '"accessToken"' || { echo "negotiate does not answer a token" >&2; exit 1; }
curl -fsS -X POST "$hello" | grep -q '"hello"' || { echo "/hello does not answer" >&2; exit 1; }

ticks=$(getconf CLK_TCK)
# CPU time of the application so far, in clock ticks (user + system).
app_cpu() {
	awk '{ print $14 + $15 }' "/proc/$app/stat"
}

drive() { # name url seconds file
	local before
	before=$(app_cpu)
	wrk -t"$wrk_threads" -c"$connections" -d"$3" --latency -s benchmarks/wire/post.lua "$2" >"$4"
	echo "app cpu ticks: $(($(app_cpu) - before)) at $ticks per second" >>"$4"
	if grep -q 'Non-2xx' "$4"; then
		echo "$1 answered errors: $4" >&2
		exit 1
	fi
}

echo "wrk -t$wrk_threads -c$connections: warm-up $warmup each, then $rounds × $duration each, alternating"
drive hello "$hello" "$warmup" "$out/warmup-hello.txt"
drive negotiate "$negotiate" "$warmup" "$out/warmup-negotiate.txt"
for round in $(seq "$rounds"); do
	# Alternating which goes first, so that neither always follows the other.
	if [ $((round % 2)) -eq 1 ]; then order="hello negotiate"; else order="negotiate hello"; fi
	for name in $order; do
		url=$hello
		[ "$name" = negotiate ] && url=$negotiate
		drive "$name" "$url" "$duration" "$out/$name-$round.txt"
	done
	echo "  round $round done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
stop
pids=()

# req/s, mean, p50 and p99 latency (ms), and the application's CPU time per request (µs) of one wrk output.
figures() {
	awk '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
		/^    Latency/ { mean = ms($2) }
		/^ +50%/ { p50 = ms($2) }
		/^ +99%/ { p99 = ms($2) }
		/ requests in / { requests = $1 }
		/^Requests\/sec:/ { rps = $2 }
		/^app cpu ticks:/ { cpu = $4 / $6 }
		END { printf "%.0f %.3f %.3f %.3f %.0f\n", rps, mean, p50, p99, cpu * 1000000 / requests }' "$1"
}

{
	echo
	echo "Negotiate over HTTP (wrk -t$wrk_threads -c$connections, $rounds × $duration each)"
	printf '%-10s %-6s %10s %10s %10s %10s %12s\n' endpoint round 'req/s' 'mean ms' 'p50 ms' 'p99 ms' 'app µs/req'
	for name in hello negotiate; do
		for round in $(seq "$rounds"); do
			# shellcheck disable=SC2046
			printf '%-10s %-6s %10s %10s %10s %10s %12s\n' "$name" "$round" $(figures "$out/$name-$round.txt")
		done
	done
	hello_rps=$(for r in $(seq "$rounds"); do figures "$out/hello-$r.txt"; done | awk '{ s += $1 } END { print s / NR }')
	negotiate_rps=$(for r in $(seq "$rounds"); do figures "$out/negotiate-$r.txt"; done | awk '{ s += $1 } END { print s / NR }')
	hello_cpu=$(for r in $(seq "$rounds"); do figures "$out/hello-$r.txt"; done | awk '{ s += $5 } END { print s / NR }')
	negotiate_cpu=$(for r in $(seq "$rounds"); do figures "$out/negotiate-$r.txt"; done | awk '{ s += $5 } END { print s / NR }')
	awk -v h="$hello_rps" -v n="$negotiate_rps" 'BEGIN {
		printf "mean req/s: hello %.0f, negotiate %.0f; negotiate / hello = %.2f (goal >= 0.90)\n", h, n, n / h }'
	awk -v h="$hello_cpu" -v n="$negotiate_cpu" 'BEGIN {
		printf "mean application CPU per request: hello %.0f µs, negotiate %.0f µs; hello / negotiate = %.2f\n", h, n, h / n }'
} | tee "$out/negotiate.txt"

# 2. SignalRTemplate.sendToAll against the raw JDK HttpClient, JMH, in-process emulator.
for threads in $jmh_threads; do
	echo
	echo "SendBenchmark, $threads thread(s): $jmh_options, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	# JMH runs one benchmark at a time on a machine (a lock in /tmp): wait for another's to end, up to 10 minutes.
	for attempt in $(seq 60); do
		# shellcheck disable=SC2086
		if "$java" -jar "$jar" "$jmh_benchmarks" $jmh_options -t "$threads" \
			-prof io.github.springsignalr.benchmarks.wire.ProcessCpuProfiler -prof gc \
			-rf json -rff "$out/send-t$threads.json" >"$out/send-t$threads.txt" 2>&1; then
			break
		fi
		if ! grep -q 'Unable to acquire the JMH lock' "$out/send-t$threads.txt" || [ "$attempt" -eq 60 ]; then
			echo "SendBenchmark failed: $out/send-t$threads.txt" >&2
			exit 1
		fi
		[ "$attempt" -eq 1 ] && echo "  another JMH run holds its lock: waiting"
		sleep 10
	done
done

{
	echo
	echo "SendBenchmark (JMH $jmh_options), sends per second"
	printf '%-8s %-18s %12s %10s %14s %10s\n' threads benchmark 'ops/s' '±' 'process µs/op' 'B/op'
	for threads in $jmh_threads; do
		# JMH's table: name, mode, [count], score, [±, error], unit; the profiler's row below its benchmark's.
		awk -v t="$threads" '
			function score() { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9.]+$/ && $i ~ /\./) return i; return 0 }
			/^Send(Cost)?Benchmark\.[a-zA-Z]+ +thrpt/ { i = score(); name = $1; sub("Send(Cost)?Benchmark.", "", name)
				ops[name] = $i; err[name] = ($(i + 1) == "±") ? $(i + 2) : "-"; names[++n] = name }
			/^Send(Cost)?Benchmark\.[a-zA-Z]+:.*cpu\.process/ { i = score(); name = $1; sub("Send(Cost)?Benchmark.", "", name); sub(":.*", "", name)
				cpu[name] = $i }
			/^Send(Cost)?Benchmark\.[a-zA-Z]+:.*gc\.alloc\.rate\.norm/ { i = score(); name = $1; sub("Send(Cost)?Benchmark.", "", name); sub(":.*", "", name)
				alloc[name] = $i }
			END {
				for (k = 1; k <= n; k++) printf "%-8s %-18s %12.0f %10s %14.1f %10.0f\n", t, names[k], ops[names[k]], err[names[k]], cpu[names[k]], alloc[names[k]]
				printf "%-8s signalRTemplate / rawHttpClient = %.2f (goal >= 0.80); CPU per send %.2f × the raw one\n", t,
					ops["signalRTemplate"] / ops["rawHttpClient"], cpu["signalRTemplate"] / cpu["rawHttpClient"]
			}' "$out/send-t$threads.txt"
	done
	echo
	echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/send.txt"
