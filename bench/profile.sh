#!/usr/bin/env bash
# Profiles one `llm-session list --all --json` (or the command given) on a corpus with JDK Flight Recorder and prints
# where the CPU went (JSON parsing, newline scan, de-dup maps, JVM start...), each thread's samples over time and where
# the allocation went, plus JVM start alone. The launcher's JVM options (C1, serial collector) unless JAVA_OPTS says
# otherwise.
#   bench/profile.sh CORPUS_DIR [llm-session args...]      e.g. bench/profile.sh /tmp/llm-session-bench/corpus-1g-42
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?corpus directory (the one holding .claude/)}"; shift
[ $# -gt 0 ] || set -- list --all --json
jar="$here/session-cli/target/llm-session.jar"
"$here/llm-session" --version >/dev/null
tmp="$(mktemp -d "${TMPDIR:-/tmp}/llm-session-profile.XXXXXX")"
read -r -a java_opts <<<"${JAVA_OPTS-$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$here/llm-session")}"
env -i PATH="$PATH" HOME="$corpus" LLM_SESSION_HOME="$tmp/data" \
  java "${java_opts[@]}" -Djfr.unsupported.vm=false -XX:FlightRecorderOptions:stackdepth=256 \
  -XX:StartFlightRecording=filename="$tmp/run.jfr",settings=profile -jar "$jar" "$@" >/dev/null 2>"$tmp/err"
jfr print --events jdk.ExecutionSample "$tmp/run.jfr" >"$tmp/samples"
echo "CPU samples by category ($*):"
python3 "$here/bench/jfr_breakdown.py" "$tmp/samples"
echo "threads doing the work:"; grep -o 'sampledThread = "[^"]*"' "$tmp/samples" | sort | uniq -c | sort -rn | head -4
# JFR's Java samples leave out threads in native code: SQLite's steps and commits, file reads (about as many samples
# as the main thread's Java work in a cold run, round 8) show only here.
jfr print --events jdk.NativeMethodSample "$tmp/run.jfr" >"$tmp/native"
echo "native-code samples by category (threads waiting in native code count too):"
python3 "$here/bench/jfr_breakdown.py" "$tmp/native" jdk.NativeMethodSample
echo "threads in native code:"; grep -o 'sampledThread = "[^"]*"' "$tmp/native" | sort | uniq -c | sort -rn | head -4
echo "allocation by site (JFR's samples, weighted):"
jfr print --json --events jdk.ObjectAllocationSample "$tmp/run.jfr" >"$tmp/alloc.json"
python3 "$here/bench/jfr_alloc.py" "$tmp/alloc.json" | head -16
echo "per-thread samples over time (the serial head and tail: one thread busy):"
jfr print --json --events jdk.ExecutionSample "$tmp/run.jfr" >"$tmp/samples.json"
python3 "$here/bench/jfr_timeline.py" "$tmp/samples.json" 0.25
echo "heap used at GC (max):"; jfr print --events jdk.GCHeapSummary "$tmp/run.jfr" | grep heapUsed | sort -t= -k2 -h | tail -1
s=$(date +%s%N); java -jar "$jar" --version >/dev/null; echo "JVM start + --version: $(( ($(date +%s%N)-s)/1000000 )) ms"
echo "recording kept in $tmp/run.jfr"
