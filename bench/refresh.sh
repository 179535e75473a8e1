#!/usr/bin/env bash
# In-process benchmark of the resident refresh (what `monitor` repeats): session-bench's MonitorRefreshBench.
#
#   bench/refresh.sh [REFRESHES] [INTERVAL_MS]      (defaults 30, 1000)
#
# Uses the 1 GB corpus of bench/run.sh (BENCH_DIR/corpus-1g-42, which must exist) through a private HOME of hard
# links in BENCH_DIR/refresh (the corpus is never written; the ten live transcripts are copies), ten processes
# named `claude` registered for the ten most recent sessions, a warm store, one appended line per refresh.
# Checks exactness on the way: list --all against truth.json (cold and warm), running-only against full figures.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_dir="${BENCH_DIR:-/tmp/llm-session-bench}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
(cd "$here" && mvn -B -o -q test-compile dependency:build-classpath -pl session-bench -am \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test) >/dev/null
java -XX:+UseSerialGC -Xmx512m -cp "$(cat "$cp_file"):$here/session-bench/target/test-classes" \
  dev.llmsession.bench.MonitorRefreshBench "$bench_dir/corpus-1g-42" "$bench_dir/refresh" "${1:-30}" "${2:-1000}"
