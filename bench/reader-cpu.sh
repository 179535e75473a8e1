#!/usr/bin/env bash
# The Claude reader's CPU alone (issue 14), for comparing builds on a loaded machine: whole cold runs there vary by
# ±5-10 % with the load; the reader alone varies less. Runs bench/ReadAll.java against each jar, alternating, with the
# launcher's JVM options, and prints the reading's CPU (calling thread, whole process) and the collector's time.
#   bench/reader-cpu.sh CORPUS_DIR ROUNDS LABEL=JAR...     e.g. bench/reader-cpu.sh /tmp/llm-session-bench/corpus-1g-42 3 main=/tmp/main.jar new=session-cli/target/llm-session.jar
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?corpus directory (the one holding .claude/)}"; rounds="${2:?rounds}"; shift 2
[ $# -gt 0 ] || { echo "give LABEL=JAR pairs" >&2; exit 2; }
read -r -a java_opts <<<"${JAVA_OPTS-$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$here/llm-session")}"
classes="$(mktemp -d "${TMPDIR:-/tmp}/reader-cpu.XXXXXX")"
trap 'rm -rf "$classes"' EXIT
javac -cp "${1#*=}" -d "$classes" "$here/bench/ReadAll.java"
for round in $(seq "$rounds"); do
  for spec in "$@"; do
    printf '%-8s load %s: ' "${spec%%=*}" "$(cut -d' ' -f1 /proc/loadavg)"
    java "${java_opts[@]}" -cp "${spec#*=}:$classes" ReadAll "$corpus/.claude/projects" 2>/dev/null
  done
done
