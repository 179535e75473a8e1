#!/usr/bin/env bash
# The team database under load (issue 18, SPEC section 9): session-bench's TeamBench on a throwaway PostgreSQL
# server it starts on loopback (initdb + pg_ctl; as root through runuser -u postgres).
#
#   bench/team.sh [MACHINES] [SECONDS] [ROWS]      (defaults 50, 120, 5000000)
#
# 1. MACHINES simulated machines x 10 live sessions run the real TeamSync every 5 s: push time p50/p99/max,
#    start delay against the schedule (backlog), rows pending after each sync.
#    Then list --team over those live sessions plus 30,000 ended ones: in-process, and through an engine when
#    session-cli/target/llm-session.jar exists (build it first: mvn -o -q -pl session-cli -am package -DskipTests).
# 2. ROWS usage slices loaded with generate_series, then the team's daily report timed (in-process, after start-up).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-/tmp/llm-session-bench}/team"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
(cd "$here" && mvn -B -o -q test-compile dependency:build-classpath -pl session-bench -am \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test) >/dev/null
rm -rf "$work"
jar="$here/session-cli/target/llm-session.jar"
props=()
# Commands go through the launcher, as a user runs them (its client archive and JVM options).
if [ -f "$jar" ]; then props=(-Dbench.jar="$jar" -Dbench.launcher="$here/llm-session"); fi
java -Xmx1g ${props[@]+"${props[@]}"} -cp "$(cat "$cp_file"):$here/session-bench/target/test-classes" \
  dev.llmsession.bench.TeamBench "$work" "${1:-50}" "${2:-120}" "${3:-5000000}"
