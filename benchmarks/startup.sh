#!/usr/bin/env bash
# Start-up cost of the starter: a Spring MVC application with one endpoint (benchmarks/startup), started again and
# again with the starter and with azure.signalr.enabled=false, alternately, against the emulator this script starts.
#
#   benchmarks/startup.sh [runs] [variant…]      runs: starts of each kind per variant (default 6)
#                                               variants: plain actuator keyvault (default: all three)
#
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
	mvn -B -o -q "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -v '^\s*$' || true
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

# The emulator, with its vault, in a JVM of its own. Its banner holds a development key made for this run.
java -cp "signalr-emulator/target/classes:$(cat signalr-emulator/target/emulator.classpath)" \
	io.github.springsignalr.emulator.SignalREmulatorApplication --port=0 --vault-port=0 \
	--vault-certificate="$out/vault.pem" >"$out/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
	grep -q '^Key Vault emulator on' "$out/emulator.log" && break
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
	AZURE_SIGNALR_CONNECTIONSTRING=$value java -Xlog:class+load:file="$out/$name.classes" \
		-cp "$(cat "$module/target/classes-$variant.classpath")" \
		io.github.springsignalr.benchmarks.startup.StartupApplication "${args[@]}" >"$out/$name.log" 2>&1 || {
		echo "Start $name failed: see $out/$name.log" >&2
		exit 1
	}
	grep -q 'startup-benchmark: GET /hello 200' "$out/$name.log" || { echo "No 200 in $out/$name.log" >&2; exit 1; }
	local seconds classes cpu
	seconds=$(sed -n 's/.*Started StartupApplication in \([0-9.]*\) seconds.*/\1/p' "$out/$name.log")
	classes=$(grep -n 'benchmarks\.startup\.ReadyMark ' "$out/$name.classes" | head -1 | cut -d: -f1)
	cpu=$(sed -n 's/^startup-benchmark: ready, cpu \([0-9]*\) ms$/\1/p' "$out/$name.log")
	echo "$seconds $((classes - 1)) $cpu"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '\n%-9s %9s %9s %7s | %8s %8s %6s | %8s %8s %6s\n' variant 'with s' 'w/o s' 'Δ ms' \
	'classes' 'w/o' 'Δ' 'cpu ms' 'w/o' 'Δ' 
for variant in $variants; do
	: >"$out/$variant-with.txt"
	: >"$out/$variant-without.txt"
	for run in $(seq 1 "$runs"); do
		# Alternating, and which kind goes first alternates too: drift on a shared machine hits both alike.
		if [ $((run % 2)) = 1 ]; then kinds="with without"; else kinds="without with"; fi
		for kind in $kinds; do
			start "$variant" "$kind" "$run" >>"$out/$variant-$kind.txt"
		done
	done
	with_s=$(cut -d' ' -f1 "$out/$variant-with.txt" | median)
	without_s=$(cut -d' ' -f1 "$out/$variant-without.txt" | median)
	with_c=$(cut -d' ' -f2 "$out/$variant-with.txt" | median)
	without_c=$(cut -d' ' -f2 "$out/$variant-without.txt" | median)
	with_cpu=$(cut -d' ' -f3 "$out/$variant-with.txt" | median)
	without_cpu=$(cut -d' ' -f3 "$out/$variant-without.txt" | median)
	printf '%-9s %9s %9s %7.0f | %8s %8s %6.0f | %8s %8s %6.0f\n' "$variant" "$with_s" "$without_s" \
		"$(echo "($with_s - $without_s) * 1000" | bc -l)" "$with_c" "$without_c" "$(echo "$with_c - $without_c" | bc -l)" \
		"$with_cpu" "$without_cpu" "$(echo "$with_cpu - $without_cpu" | bc -l)"
done
echo
echo "Medians of $runs starts of each kind; every start: $out/<variant>-<with|without>-<run>.{log,classes}"
