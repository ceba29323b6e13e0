#!/bin/sh
# Default mode against serverless, side by side in one run: invocation round trips (median, p99) and broadcast
# messages per second, on in-process emulators with the official Java client. See benchmarks/README.md.
#   benchmarks/default-mode.sh [--rounds 2] [--round-trips 5000] [--warm-up 1000] [--messages 10000] [--out file]
# MVN_FLAGS passes options to Maven (e.g. MVN_FLAGS=-o to build offline).
set -e
cd "$(dirname "$0")/.."
out="benchmarks/results/$(date -u +%Y-%m-%d)-default-mode.json"
exec mvn -B -q ${MVN_FLAGS} -pl benchmarks -am package -DskipTests -Pdefault-mode-benchmark \
  "-Ddefault-mode.args=--out $out $*"
