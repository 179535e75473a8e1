#!/usr/bin/env bash
# Benchmark of `monitor` (SPEC section 9: <= 50 ms CPU per refresh, <= 256 MiB RSS with 10 live sessions):
#
#   bench/monitor.sh [SECONDS]          run the monitor that long (default 300) at INTERVAL (default 5s)
#
# The 1 GB corpus of bench/run.sh (reused when present in BENCH_DIR, generated otherwise) becomes a private HOME
# through hard links (no copy; the 10 live transcripts are real copies, since they are appended to). Ten
# processes named `claude` run, each registered in ~/.claude/sessions/<pid>.json for one of the ten most recent
# sessions, and one of them gets an assistant line appended every APPEND_EVERY seconds (default 2) - live
# sessions write. The store is warmed first with one `list --all` (what a user who ran anything before has),
# then the monitor runs in its no-terminal mode with --json (one line per refresh, so refreshes are counted
# exactly) with the launcher's JVM options. CPU per refresh = the deltas of the processes' thread times
# (/proc/<pid>/task/*/schedstat, nanoseconds; bench/cpu_per_refresh.py) between consecutive refreshes, the first
# left out; peak RSS = VmHWM.
#
# With an engine (the default; NO_ENGINE=1 measures the monitor refreshing in its own JVM), `daemon start` runs one
# for the private HOME before the monitor starts, so the monitor subscribes to its snapshots: CPU per refresh is then
# the monitor's and the engine's deltas together, both printed. WORK (default BENCH_DIR/monitor) is the
# private home's folder. WARMUP (seconds, default 0) lets the monitor and its engine run that long before the SECONDS
# measured: a freshly started engine spends most of its first minutes compiling (C2), not refreshing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-300}"
warmup="${WARMUP:-0}"
interval="${INTERVAL:-5s}"
append_every="${APPEND_EVERY:-2}"
bench_dir="${BENCH_DIR:-/tmp/llm-session-bench}"
size="${SIZE:-1g}"
corpus="$bench_dir/corpus-$size-42"
work="${WORK:-$bench_dir/monitor}"
java_opts="${JAVA_OPTS-$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$here/llm-session")}"
read -r -a java_opt_words <<<"$java_opts"
# shellcheck source=bench/live-home.sh
source "$here/bench/live-home.sh"
log() { printf '%s\n' "$*" >&2; }

"$here/llm-session" --version >/dev/null
jar="$here/session-cli/target/llm-session.jar"
if [ ! -d "$corpus/.claude" ]; then
  log "no corpus in $corpus: generating it ($size, seed 42)..."
  (cd "$here" && mvn -q -B -DskipTests -pl session-bench -am package) >/dev/null
  java -cp "$here/session-bench/target/classes" dev.llmsession.bench.CorpusGenerator --out "$corpus" --size "$size" --seed 42 >&2
fi

pids=()
engine_pid=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$engine_pid" ]; then "${env_run[@]}" java -jar "$jar" daemon stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# REUSE=1 keeps the private home and the warm store of the previous run (the same ten live transcripts).
reuse=""
if [ -n "${REUSE:-}" ] && [ -f "$work/live.txt" ] && [ -d "$work/data" ]; then reuse=1; fi
if [ -z "$reuse" ]; then
  rm -rf "$work"
  mkdir -p "$work/data" "$work/xdg"
  live_home "$work" "$corpus" 10
fi
mapfile -t live <"$work/live.txt"
start_live "$work"
corpus_mib=$(find "$work/home/.claude" -name '*.jsonl' -printf '%s\n' | awk '{s+=$1} END{printf "%.0f", s/1048576}')
log "corpus: $corpus_mib MiB; ${#live[@]} live sessions"

env_run=(env -i PATH="$PATH" LANG=C.UTF-8 TZ=UTC HOME="$work/home" LLM_SESSION_HOME="$work/data"
  XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" XDG_CACHE_HOME="$work/xdg/cache" NO_COLOR=1)
if [ -z "$reuse" ]; then
  log "warming the store (one list --all)..."
  t0=$(date +%s)
  # in this process (--no-daemon): a command finding no engine would start one beside the one started below
  "${env_run[@]}" java "${java_opt_words[@]}" -jar "$jar" --no-daemon list --all --json >/dev/null
  log "  $(( $(date +%s) - t0 )) s"
fi
running=$("${env_run[@]}" java "${java_opt_words[@]}" -jar "$jar" --no-daemon list --json | grep -c '"running" : true' || true)
log "list sees $running running sessions"

if [ -z "${NO_ENGINE:-}" ]; then
  "${env_run[@]}" java "${java_opt_words[@]}" -jar "$jar" daemon start >&2
  engine_pid=$("${env_run[@]}" java -jar "$jar" daemon status --json | sed -n 's/^ *"pid" : \([0-9]*\),*$/\1/p')
  log "engine pid $engine_pid"
fi

# Live sessions write: one assistant line every few seconds, round robin.
(
  n=0
  while true; do
    f="${live[$((n % ${#live[@]}))]}"
    id="$(basename "$f" .jsonl)"
    ts="$(date -u +%Y-%m-%dT%H:%M:%S.000Z)"
    printf '{"type":"assistant","isSidechain":false,"sessionId":"%s","timestamp":"%s","requestId":"req_bench_%d","message":{"id":"msg_bench_%d","model":"claude-opus-4-6","role":"assistant","content":[{"type":"text","text":"ok"}],"usage":{"input_tokens":7,"output_tokens":11,"cache_creation_input_tokens":13,"cache_read_input_tokens":90000}}}\n' \
      "$id" "$ts" "$n" "$n" >>"$f"
    n=$((n + 1))
    sleep "$append_every"
  done
) &
pids+=($!)

out="$work/monitor.ndjson"
"${env_run[@]}" java "${java_opt_words[@]}" -jar "$jar" monitor --json --interval "$interval" >"$out" 2>"$work/monitor.err" &
mon=$!
pids+=($mon)
samples="$work/cpu.tsv"
measured_from=$(( $(date +%s) + warmup ))
end=$(( measured_from + seconds ))
# One row per refresh line: the count of lines, then the monitor's and the engine's CPU in nanoseconds so far.
sampled=("$mon")
if [ -n "$engine_pid" ]; then sampled+=("$engine_pid"); fi
python3 "$here/bench/cpu_per_refresh.py" "$out" "$samples" "$measured_from" "$end" "${sampled[@]}" 2>"$work/cpu.log"
if [ -z "$engine_pid" ]; then sed -i 's/$/\t0/' "$samples"; fi
hwm=$(awk '/VmHWM/{print $2}' "/proc/$mon/status")
rss=$(awk '/VmRSS/{print $2}' "/proc/$mon/status")
engine_hwm=0
if [ -n "$engine_pid" ]; then
  engine_hwm=$(awk '/VmHWM/{print $2}' "/proc/$engine_pid/status")
  grep -q '"monitorsServed" : 1' <("${env_run[@]}" java -jar "$jar" daemon status --json) \
    || log "warning: the engine did not serve the monitor (it refreshed in its own JVM)"
fi
kill "$mon"
sessions_last=$(tail -1 "$out" | grep -o '"running":true' | wc -l)

# Per-refresh CPU: deltas between consecutive refreshes; the first refresh (cold JVM) has no predecessor.
# Column 2 is the monitor's CPU, 3 the engine's, and (2 + 3) both: each statistic over its own deltas.
deltas() { awk -v col="$1" -v from="${2:-1}" '{ c = (col == 0 ? $2 + $3 : $col) }
  NR > from { printf "%.1f\n", (c - prev) / 1e6 / ($1 - pn) } { prev = c; pn = $1 }' "$samples" | sort -n; }
median() { awk '{a[NR]=$1} END{ if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
p90() { awk '{a[NR]=$1} END{ i = int(NR * 0.9 + 0.5); if (i < 1) i = 1; if (NR == 0) print "-"; else print a[i] }'; }
mean() { awk -v col="$1" 'NR == 1 { c0 = (col == 0 ? $2 + $3 : $col); n0 = $1 } { c = (col == 0 ? $2 + $3 : $col); n = $1 }
  END { if (n > n0) printf "%.1f", (c - c0) / 1e6 / (n - n0); else print "-" }' "$samples"; }
count=$(deltas 0 | grep -c . || true)
half=$(( ($(wc -l <"$samples") + 1) / 2 ))
med=$(deltas 0 | median); p90=$(deltas 0 | p90); mean=$(mean 0)
late=$(deltas 0 "$half" | median)
med_client=$(deltas 2 | median); mean_client=$(mean 2)
med_engine=$(deltas 3 | median); mean_engine=$(mean 3)
{
  echo
  echo "llm-session monitor benchmark  $(date -u +%Y-%m-%dT%H:%MZ)  corpus $corpus_mib MiB, ${#live[@]} live sessions (one line appended every ${append_every}s), --interval $interval, ${seconds}s measured after ${warmup}s"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
  echo "JAVA_OPTS: $java_opts"
  echo "refreshes measured: $count (the first line's refresh left out); running sessions in the last: $sessions_last"
  sed 's/^/  /' "$work/cpu.log"
  echo "CPU per refresh${engine_pid:+, monitor + engine}: median $med ms, p90 $p90 ms, mean $mean ms, median of the second half $late ms   (target <= 50 ms)"
  if [ -n "$engine_pid" ]; then
    echo "  monitor (client): median $med_client ms, mean $mean_client ms; engine: median $med_engine ms, mean $mean_engine ms"
    echo "  engine peak RSS (VmHWM): $((engine_hwm / 1024)) MiB"
  fi
  echo "peak RSS (VmHWM): $((hwm / 1024)) MiB, RSS at the end: $((rss / 1024)) MiB   (target <= 256 MiB)"
} | tee "$work/report.txt"
