#!/usr/bin/env bash
# Benchmark of the in-process path, no engine (issue 13: "without an engine, `list` <= 0.6 s"):
#
#   bench/inproc.sh            REPS (default 11) alternating runs of each measure
#   BASE=/path/to/other/checkout bench/inproc.sh
#                              the same measures of that checkout's launcher (built there first), interleaved with
#                              this one's, on the same home and store: before/after at the same machine load
#
# The home is built as bench/engine.sh builds it: the 1 GB corpus (BENCH_DIR/corpus-1g-42, see bench/run.sh) as a
# private HOME of hard links, LIVE (default 10) processes named `claude` registered in ~/.claude/sessions for the
# most recent sessions (their transcripts are real copies), the store warmed by one `--no-daemon list --all`. Every
# command runs through the launcher (./llm-session, class-data archive, launcher JVM options) with --no-daemon, as a
# user runs it. Per run: wall time and CPU (user+sys, GNU time) and peak RSS; the measures are interleaved so a
# change of the machine's load touches them alike. Work dir: BENCH_DIR/inproc (WORK to override).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reps="${REPS:-11}"
live_count="${LIVE:-10}"
bench_dir="${BENCH_DIR:-/tmp/llm-session-bench}"
corpus="$bench_dir/corpus-1g-42"
work="${WORK:-$bench_dir/inproc}"
launcher="${LAUNCHER:-$here/llm-session}"
base="${BASE:+$BASE/llm-session}"
# shellcheck source=bench/live-home.sh
source "$here/bench/live-home.sh"
log() { printf '%s\n' "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

"$launcher" --no-daemon --version >/dev/null
[ -z "$base" ] || "$base" --no-daemon --version >/dev/null
[ -d "$corpus/.claude" ] || { log "no corpus in $corpus (bench/run.sh or bench/engine.sh generates it)"; exit 1; }
command -v /usr/bin/time >/dev/null || { log "GNU time is needed (apt-get install time)"; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

if [ -z "${KEEP_HOME:-}" ] || [ ! -d "$work/home/.claude" ]; then
  rm -rf "$work"
  mkdir -p "$work/bin" "$work/data" "$work/xdg/config" "$work/empty"
  live_home "$work" "$corpus" "$live_count"
fi
start_live "$work"

base_env=(env -i PATH="$PATH" LANG=C.UTF-8 TZ=UTC NO_COLOR=1 COLUMNS=200)
ours=("${base_env[@]}" HOME="$work/home" LLM_SESSION_HOME="$work/data" XDG_CONFIG_HOME="$work/xdg/config"
  XDG_RUNTIME_DIR="$work/run-none" "$launcher")
empty=("${base_env[@]}" HOME="$work/empty" LLM_SESSION_HOME="$work/empty/data" XDG_CONFIG_HOME="$work/empty/config"
  XDG_RUNTIME_DIR="$work/run-none" "$launcher")

log "warming the store (one --no-daemon list --all)..."
t0=$(date +%s%N)
"${ours[@]}" --no-daemon list --all --json >/dev/null
log "  $(( ($(date +%s%N) - t0) / 1000000 )) ms"
"${ours[@]}" --no-daemon list >/dev/null
"${empty[@]}" --no-daemon list >/dev/null
if [ -n "$base" ]; then
  base_ours=("${ours[@]:0:${#ours[@]}-1}" "$base")
  base_empty=("${empty[@]:0:${#empty[@]}-1}" "$base")
  "${base_ours[@]}" --no-daemon list >/dev/null
  "${base_empty[@]}" --no-daemon list >/dev/null
fi

results="$work/results.tsv"
printf 'measure\twall_ms\tcpu_ms\trss_kib\n' >"$results"
measure() {
  local name="$1"; shift
  local t0 t1 u s m
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$work/time.txt" "$@" >"$work/last.out" 2>"$work/last.err" || {
    log "$name failed: $(head -3 "$work/last.err")"; }
  t1=$(date +%s%N)
  read -r u s m <"$work/time.txt"
  printf '%s\t%d\t%.0f\t%d\n' "$name" $(( (t1 - t0) / 1000000 )) "$(echo "($u + $s) * 1000" | bc)" "$m" >>"$results"
}

load0=$(load)
log "x$reps, interleaved (load $load0)"
for _ in $(seq "$reps"); do
  measure jvm_floor java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -version
  measure version "${ours[@]}" --no-daemon --version
  measure empty_list "${empty[@]}" --no-daemon list
  measure list "${ours[@]}" --no-daemon list
  if [ -n "$base" ]; then
    measure base_version "${base_ours[@]}" --no-daemon --version
    measure base_empty_list "${base_empty[@]}" --no-daemon list
    measure base_list "${base_ours[@]}" --no-daemon list
  fi
done
running=$(grep -c '^claude_' "$work/last.out" || true)
"${ours[@]}" --no-daemon list --json >"$work/list.json"
[ -z "$base" ] || "${base_ours[@]}" --no-daemon list --json >"$work/base-list.json"

med() { awk -F'\t' -v m="$1" -v c="$2" '$1 == m {print $c}' "$results" | sort -n | awk '{a[NR]=$1} END{ if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
{
  echo
  echo "llm-session in-process benchmark  $(date -u +%Y-%m-%dT%H:%MZ)  1 GB corpus, $live_count live sessions, $running running in list"
  echo "machine: $(nproc) cores, load average before $load0, after $(load), $(java -version 2>&1 | head -1)"
  printf '%-12s %5s %9s %9s %10s\n' measure runs "wall ms" "CPU ms" "RSS KiB"
  for m in jvm_floor version empty_list list base_version base_empty_list base_list; do
    [ "$(awk -F'\t' -v m="$m" '$1 == m' "$results" | wc -l)" -gt 0 ] || continue
    printf '%-12s %5d %9s %9s %10s\n' "$m" "$(awk -F'\t' -v m="$m" '$1 == m' "$results" | wc -l)" "$(med "$m" 2)" \
      "$(med "$m" 3)" "$(med "$m" 4)"
  done
} | tee "$work/report.txt"
