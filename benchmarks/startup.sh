#!/usr/bin/env bash
# Start-up cost of the starter: a Spring MVC application with one endpoint (benchmarks/startup), started again and
# again with the starter and with azure.signalr.enabled=false, alternately, against the emulator this script starts.
#
#   benchmarks/startup.sh [runs] [variant…]      runs: starts of each kind per variant (default 6)
#                                               variants: plain actuator keyvault (default: all three)
#   BASELINE=main benchmarks/startup.sh …       also starts with the starter as that git ref has it (its
#                                               library and auto-configuration classes compiled from the ref's
#                                               sources), alternately with this tree's: before and after, side by side
#
#   STEPS=true benchmarks/startup.sh …          also records Spring's start-up steps (BufferingApplicationStartup,
#                                               which costs time itself) and reports the starter's beans' own
#                                               instantiation time; each start's slowest steps are in its log
#
# Kinds of start: "without" (azure.signalr.enabled=false), "with" (this tree's starter) and, with BASELINE, "baseline".
# plain: the starter and spring-boot-starter-webmvc; one connection string to the emulator.
# actuator: plus spring-boot-starter-actuator (the starter's health contributor, endpoint and meters).
# keyvault: plus spring-cloud-azure-starter-keyvault-secrets; the connection string is a Key Vault reference to a
#           secret of the emulated vault, which the starter reads at start-up.
#
# Per start: Spring Boot's "Started … in X seconds" (the context's refresh and the web server's start, not the JVM's
# own start), the number of classes loaded before ApplicationReadyEvent (-Xlog:class+load, counted up to the
# application's mark) and the CPU time the process has used by then (user + system, all threads). Each start also calls its endpoint once; a start whose call is not a 200 fails the script.
# Prints medians; every start's log is kept under benchmarks/startup/target/runs.
set -euo pipefail

cd "$(dirname "$0")/.."
runs=${1:-6}
shift || true
variants=${*:-plain actuator keyvault}
module=benchmarks/startup
out=$module/target/runs
rm -rf "$out"
mkdir -p "$out"

mvn_quiet() {
	mvn -B -o -q "$@" >"$out/mvn.log" 2>&1 || {
		sed 's/\x1b\[[0-9;]*m//g' "$out/mvn.log" >&2
		exit 1
	}
}

echo "Building (offline)…" >&2
for variant in $variants; do
	profile=()
	[ "$variant" != plain ] && profile=(-Pstartup-"$variant")
	mvn_quiet -pl $module -am "${profile[@]}" compile dependency:build-classpath -DskipTests -DincludeScope=runtime \
		-Dmdep.outputFile=target/startup-"$variant".classpath
	# Each variant's own copy of the classes built here (the application's, the starter's): the Key Vault variant's
	# application has classes the others have not, and a build while the script runs changes nothing it measures.
	snapshot=$module/target/classes-$variant
	rm -rf "$snapshot"
	mkdir -p "$snapshot"
	cp -r "$module/target/classes" "$snapshot/app"
	classpath=$snapshot/app
	for entry in $(tr ':' ' ' <"$module/target/startup-$variant.classpath"); do
		if [ -d "$entry" ]; then
			copy=$snapshot/$(basename "$(dirname "$(dirname "$entry")")")
			cp -r "$entry" "$copy"
			entry=$copy
		fi
		classpath=$classpath:$entry
	done
	echo "$classpath" >"$snapshot.classpath"
done
mvn_quiet -pl signalr-emulator -am compile dependency:build-classpath -DskipTests -DincludeScope=runtime \
	-Dmdep.outputFile=target/emulator.classpath

kinds_all="without with"
if [ -n "${BASELINE:-}" ]; then
	# The ref's sources of the library and auto-configuration, compiled over this tree's resources (the
	# auto-configuration imports and condition metadata, which the ref shares while its conditions do).
	echo "Compiling the starter as $BASELINE has it…" >&2
	mvn_quiet -pl signalr-spring-boot-autoconfigure -am compile dependency:build-classpath -DskipTests \
		-DincludeScope=compile -Dmdep.outputFile=target/startup-compile.classpath
	baseline=$module/target/baseline
	rm -rf "$baseline"
	mkdir -p "$baseline/src"
	git archive "$BASELINE" signalr-spring-boot-autoconfigure/src/main/java | tar -x -C "$baseline/src"
	cp -r signalr-spring-boot-autoconfigure/target/classes "$baseline/classes"
	find "$baseline/classes" -name '*.class' -delete
	javac -nowarn -proc:none -parameters --release 17 -d "$baseline/classes" \
		-cp "$(cat signalr-spring-boot-autoconfigure/target/startup-compile.classpath)" \
		$(find "$baseline/src" -name '*.java') >"$baseline/javac.log" 2>&1 || {
		cat "$baseline/javac.log" >&2
		exit 1
	}
	for variant in $variants; do
		sed "s|$module/target/classes-$variant/signalr-spring-boot-autoconfigure|$baseline/classes|" \
			"$module/target/classes-$variant.classpath" >"$module/target/classes-$variant-baseline.classpath"
	done
	kinds_all="without baseline with"
fi

# The emulator, with its vault, in a JVM of its own. Its banner holds a development key made for this run.
java -cp "signalr-emulator/target/classes:$(cat signalr-emulator/target/emulator.classpath)" \
	io.github.springsignalr.emulator.SignalREmulatorApplication --port=0 --vault-port=0 \
	--vault-certificate="$out/vault.pem" >"$out/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
	grep -qs '^Key Vault emulator on' "$out/emulator.log" && break
	kill -0 $emulator 2>/dev/null || { cat "$out/emulator.log" >&2; exit 1; }
	sleep 0.1
done
connection_string=$(sed -n 's/^  primary: *//p' "$out/emulator.log")
vault=$(sed -n 's/^Key Vault emulator on \([^ ]*\).*/\1/p' "$out/emulator.log")
[ -n "$connection_string" ] && [ -n "$vault" ] || { echo "No emulator banner" >&2; exit 1; }
# The vault accepts any bearer token; the secret's value is the connection string (not echoed).
printf '{"value":"%s"}' "$connection_string" | curl -sf -o /dev/null --cacert "$out/vault.pem" -X PUT \
	-H 'Authorization: Bearer local' -H 'Content-Type: application/json' --data-binary @- \
	"${vault}secrets/signalr?api-version=7.5"

# One start: prints "seconds classes cpu-ms".
start() {
	local variant=$1 kind=$2 run=$3
	local name="$variant-$kind-$run"
	local args=()
	[ "$kind" = without ] && args+=(--azure.signalr.enabled=false)
	local value=$connection_string
	if [ "$variant" = keyvault ]; then
		value="@Microsoft.KeyVault(SecretUri=${vault}secrets/signalr/)"
		args+=(--azure.signalr.key-vault.allowed-hosts=localhost --startup.vault-certificate="$out/vault.pem")
	fi
	local classpath=$module/target/classes-$variant.classpath
	[ "$kind" = baseline ] && classpath=$module/target/classes-$variant-baseline.classpath
	AZURE_SIGNALR_CONNECTIONSTRING=$value java -Xlog:class+load:file="$out/$name.classes" \
		-Dstartup.steps="${STEPS:-false}" \
		-cp "$(cat "$classpath")" \
		io.github.springsignalr.benchmarks.startup.StartupApplication "${args[@]}" >"$out/$name.log" 2>&1 || {
		echo "Start $name failed: see $out/$name.log" >&2
		exit 1
	}
	grep -q 'startup-benchmark: GET /hello 200' "$out/$name.log" || { echo "No 200 in $out/$name.log" >&2; exit 1; }
	local seconds classes cpu steps
	seconds=$(sed -n 's/.*Started StartupApplication in \([0-9.]*\) seconds.*/\1/p' "$out/$name.log")
	classes=$(grep -n 'benchmarks\.startup\.ReadyMark ' "$out/$name.classes" | head -1 | cut -d: -f1)
	cpu=$(sed -n 's/^startup-benchmark: ready, cpu \([0-9]*\) ms$/\1/p' "$out/$name.log")
	steps=$(sed -n 's/^startup-steps: .*own time \([0-9]*\) ms$/\1/p' "$out/$name.log")
	echo "$seconds $((classes - 1)) $cpu ${steps:-0}"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '\n%-9s %-9s %9s %7s | %8s %6s | %8s %6s | %9s\n' variant kind 'started s' 'Δ ms' classes 'Δ' 'cpu ms' 'Δ' \
	'beans ms'
for variant in $variants; do
	for kind in $kinds_all; do
		: >"$out/$variant-$kind.txt"
	done
	for run in $(seq 1 "$runs"); do
		# Alternating, each run in another order: drift on a shared machine hits every kind alike.
		kinds=$kinds_all
		for _ in $(seq 2 "$run"); do
			kinds="${kinds#* } ${kinds%% *}"
		done
		for kind in $kinds; do
			start "$variant" "$kind" "$run" >>"$out/$variant-$kind.txt"
		done
	done
	base_s=$(cut -d' ' -f1 "$out/$variant-without.txt" | median)
	base_c=$(cut -d' ' -f2 "$out/$variant-without.txt" | median)
	base_cpu=$(cut -d' ' -f3 "$out/$variant-without.txt" | median)
	for kind in $kinds_all; do
		s=$(cut -d' ' -f1 "$out/$variant-$kind.txt" | median)
		c=$(cut -d' ' -f2 "$out/$variant-$kind.txt" | median)
		cpu=$(cut -d' ' -f3 "$out/$variant-$kind.txt" | median)
		beans=$(cut -d' ' -f4 "$out/$variant-$kind.txt" | median)
		printf '%-9s %-9s %9.3f %7.0f | %8.0f %6.0f | %8.0f %6.0f | %9.0f\n' "$variant" "$kind" "$s" \
			"$(echo "($s - $base_s) * 1000" | bc -l)" "$c" "$(echo "$c - $base_c" | bc -l)" \
			"$cpu" "$(echo "$cpu - $base_cpu" | bc -l)" "$beans"
	done
done
echo
echo "Medians of $runs starts of each kind, Δ against \"without\"; every start:"
echo "$out/<variant>-<kind>-<run>.{log,classes}"
