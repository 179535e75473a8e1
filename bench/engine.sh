#!/usr/bin/env bash
# Benchmark of the resident engine (SPEC section 9, issue 13):
#
#   bench/engine.sh                 REPS (default 15) runs of each measure after WARMUP (default 40) untimed ones,
#                                   IDLE_SECONDS (default 300) of idling
#
# The 1 GB corpus of bench/run.sh (reused when present in BENCH_DIR, generated otherwise) becomes a private HOME
# through hard links, with LIVE (default 10) processes named `claude` registered in ~/.claude/sessions for the
# most recent sessions (their transcripts are real copies: they are appended to). The store is warmed with one
# in-process `list --all`, then an engine is started (`daemon start`) and every command goes through the launcher
# (./llm-session: the JDK-only client with the class-data archive), as a user runs it. Per run: wall time
# (nanosecond clock around the process), the client's CPU (user+sys) and peak RSS (GNU time), and the engine's CPU
# (utime+stime deltas of /proc/<engine>/stat). The machine is shared: the load average is printed with each block.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reps="${REPS:-15}"
warmup="${WARMUP:-40}"
idle_seconds="${IDLE_SECONDS:-300}"
live_count="${LIVE:-10}"
bench_dir="${BENCH_DIR:-/tmp/llm-session-bench}"
corpus="$bench_dir/corpus-1g-42"
work="$bench_dir/engine"
ccusage_pin="ccusage@20.0.24"
# shellcheck source=bench/live-home.sh
source "$here/bench/live-home.sh"
log() { printf '%s\n' "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

"$here/llm-session" --no-daemon --version >/dev/null
if [ ! -d "$corpus/.claude" ]; then
  log "no corpus in $corpus: generating it (1g, seed 42)..."
  (cd "$here" && mvn -q -B -DskipTests -pl session-bench -am compile) >/dev/null
  java -cp "$here/session-bench/target/classes" dev.llmsession.bench.CorpusGenerator --out "$corpus" --size 1g --seed 42 >&2
fi
command -v /usr/bin/time >/dev/null || { log "GNU time is needed (apt-get install time)"; exit 1; }

pids=()
cleanup() {
  "${env_run[@]}" "$here/llm-session" daemon stop >/dev/null 2>&1 || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

rm -rf "$work"
mkdir -p "$work/data" "$work/xdg/config" "$work/run"
chmod 700 "$work/run"
live_home "$work" "$corpus" "$live_count"
mapfile -t live <"$work/live.txt"
start_live "$work"

env_run=(env -i PATH="$PATH" LANG=C.UTF-8 TZ=UTC HOME="$work/home" LLM_SESSION_HOME="$work/data"
  XDG_CONFIG_HOME="$work/xdg/config" XDG_RUNTIME_DIR="$work/run" NO_COLOR=1 COLUMNS=200)
ours=("${env_run[@]}" "$here/llm-session")

log "warming the store (one in-process list --all)..."
t0=$(date +%s%N)
"${ours[@]}" --no-daemon list --all --json >/dev/null
log "  $(( ($(date +%s%N) - t0) / 1000000 )) ms"

results="$work/results.tsv"
printf 'measure\twall_ms\tclient_cpu_ms\tclient_rss_kib\tengine_cpu_ms\n' >"$results"
ticks=$(getconf CLK_TCK)
engine_cpu() { if [ -n "${engine:-}" ]; then awk -v t="$ticks" '{printf "%.0f", ($14 + $15) * 1000 / t}' "/proc/$engine/stat"; else echo 0; fi; }

# One timed run: wall, client CPU and RSS (GNU time), engine CPU delta.
measure() {
  local name="$1"; shift
  local e0 e1 t0 t1
  e0=$(engine_cpu)
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$work/time.txt" "$@" >"$work/last.out" 2>"$work/last.err"
  t1=$(date +%s%N)
  e1=$(engine_cpu)
  read -r u s m <"$work/time.txt"
  printf '%s\t%d\t%.0f\t%d\t%d\n' "$name" $(( (t1 - t0) / 1000000 )) "$(echo "($u + $s) * 1000" | bc)" "$m" $(( e1 - e0 )) >>"$results"
}

log "without an engine: list x$reps (load $(load))"
for _ in $(seq "$reps"); do measure nodaemon_list "${ours[@]}" --no-daemon list; done
running=$(grep -c '^claude_' "$work/last.out" || true)
log "  list shows $running running sessions"

"${ours[@]}" daemon start >&2
engine=$("${ours[@]}" daemon status --json | sed -n 's/.*"pid" : \([0-9]*\).*/\1/p')
log "engine pid $engine; first command (builds the resident world)..."
measure first_list_all_json "${ours[@]}" list --all --json

# A resident engine has long finished compiling its hot paths by the time a user types; the first dozens of
# commands after its start still pay for the JIT (C2 took 250 ms of CPU per `list` in the first 30). Untimed.
log "warming the engine: ${warmup} of each command (load $(load))"
for _ in $(seq "$warmup"); do
  "${ours[@]}" list >/dev/null; "${ours[@]}" list --all --json >/dev/null; "${ours[@]}" usage daily --json >/dev/null
done
log "with the engine: list, list --all --json, usage daily --json x$reps (load $(load))"
# The floor under any JVM client on this machine: a JVM that starts and prints its version, with the relaying
# client's options (no JIT, no perf data; the launcher's llm-session-client.jsa is left out: the JDK's own archive).
for _ in $(seq "$reps"); do measure jvm_floor java -XX:+UseSerialGC -Xint -XX:-UsePerfData -version; done
# The launcher's own share: the same `list` with a `java` that exits at once (its staleness walk, its guesses).
mkdir -p "$work/stub"
printf '#!/bin/sh\nexit 0\n' >"$work/stub/java"
chmod +x "$work/stub/java"
stub_run=("${env_run[@]/#PATH=/PATH=$work/stub:}")
for _ in $(seq "$reps"); do measure launcher_floor "${stub_run[@]}" "$here/llm-session" list; done
for _ in $(seq "$reps"); do measure engine_list "${ours[@]}" list; done
for _ in $(seq "$reps"); do measure engine_list_all_json "${ours[@]}" list --all --json; done
for _ in $(seq "$reps"); do measure engine_usage_daily_json "${ours[@]}" usage daily --json; done
cp "$work/last.out" "$work/usage-daily.json"

log "appended line visible: append a call to a live session, then list --json until its output tokens grow (x5)"
tokens_of() { python3 -c 'import json,sys; d={s["id"]:s["tokens"]["output"] for s in json.load(sys.stdin)}; print(next((v for k,v in d.items() if sys.argv[1] in k), -1))' "$1"; }
for i in 1 2 3 4 5; do
  f="${live[$((i % ${#live[@]}))]}"
  id="$(basename "$f" .jsonl)"
  before=$("${ours[@]}" list --json | tokens_of "${id:0:8}")
  t0=$(date +%s%N)
  printf '{"type":"assistant","isSidechain":false,"sessionId":"%s","timestamp":"%s","requestId":"req_engine_%s","message":{"id":"msg_engine_%s","model":"claude-opus-4-6","role":"assistant","content":[{"type":"text","text":"ok"}],"usage":{"input_tokens":7,"output_tokens":1000,"cache_creation_input_tokens":13,"cache_read_input_tokens":90000}}}\n' \
    "$id" "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" "$i$RANDOM" "$i$RANDOM" >>"$f"
  seen=""
  for _ in $(seq 50); do
    now=$("${ours[@]}" list --json | tokens_of "${id:0:8}")
    if [ "$now" != "$before" ]; then seen=1; break; fi
  done
  t1=$(date +%s%N)
  printf 'append_visible\t%d\t0\t0\t0\n' $(( (t1 - t0) / 1000000 )) >>"$results"
  [ -n "$seen" ] || log "  append $i never became visible (tokens $before)"
done

log "idle engine for ${idle_seconds}s (load $(load))..."
e0=$(engine_cpu); t0=$(date +%s%N)
sleep "$idle_seconds"
e1=$(engine_cpu); t1=$(date +%s%N)
idle_pct=$(echo "scale=3; ($e1 - $e0) * 100 / (($t1 - $t0) / 1000000)" | bc)
rss=$(awk '/VmRSS/{print int($2 / 1024)}' "/proc/$engine/status")
hwm=$(awk '/VmHWM/{print int($2 / 1024)}' "/proc/$engine/status")

cc=()
if [ -z "${SKIP_CCUSAGE:-}" ]; then
  if [ ! -x "$bench_dir/ccusage/node_modules/.bin/ccusage" ] && command -v npm >/dev/null; then
    mkdir -p "$bench_dir/ccusage"
    (cd "$bench_dir/ccusage" && npm install --no-audit --no-fund --silent "$ccusage_pin" >/dev/null 2>&1) || true
  fi
  if "$bench_dir/ccusage/node_modules/.bin/ccusage" --version >/dev/null 2>&1; then
    cc=(env -i PATH="$PATH" LANG=C.UTF-8 TZ=UTC HOME="$work/home" CLAUDE_CONFIG_DIR="$work/home/.claude" NO_COLOR=1
      "$bench_dir/ccusage/node_modules/.bin/ccusage")
    log "ccusage $("${cc[@]}" --version | tail -1): session/daily --json --offline x3 (load $(load))"
    for _ in 1 2 3; do measure cc_session "${cc[@]}" session --json --offline; done
    for _ in 1 2 3; do measure cc_daily "${cc[@]}" daily --json --offline; done
  else
    log "ccusage not available: its rows stay empty"
  fi
fi

med() { awk -F'\t' -v m="$1" -v c="$2" '$1 == m {print $c}' "$results" | sort -n | awk '{a[NR]=$1} END{ if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
ratio() { if [ "$1" = "-" ] || [ "$2" = "-" ] || [ "$2" = "0" ]; then echo "-"; else echo "scale=1; $1 / $2" | bc; fi; }
{
  echo
  echo "llm-session engine benchmark  $(date -u +%Y-%m-%dT%H:%MZ)  1 GB corpus, ${#live[@]} live sessions, $running running in list"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at the end $(load), $(java -version 2>&1 | head -1)"
  printf '%-28s %6s %10s %12s %14s %12s\n' measure runs "wall ms" "client CPU" "client RSS KiB" "engine CPU"
  for m in jvm_floor launcher_floor nodaemon_list first_list_all_json engine_list engine_list_all_json engine_usage_daily_json append_visible cc_session cc_daily; do
    n=$(awk -F'\t' -v m="$m" '$1 == m' "$results" | wc -l)
    [ "$n" -gt 0 ] || continue
    printf '%-28s %6d %10s %12s %14s %12s\n' "$m" "$n" "$(med "$m" 2)" "$(med "$m" 3)" "$(med "$m" 4)" "$(med "$m" 5)"
  done
  echo "idle engine: ${idle_pct} % of a core over ${idle_seconds}s; engine RSS ${rss} MiB (peak ${hwm} MiB)"
  echo "ccusage session / ours list --all --json (wall): $(ratio "$(med cc_session 2)" "$(med engine_list_all_json 2)")   (target >= 10)"
  echo "ccusage daily / ours usage daily --json (wall):  $(ratio "$(med cc_daily 2)" "$(med engine_usage_daily_json 2)")   (target >= 10)"
} | tee "$work/report.txt"
