#!/usr/bin/env bash
# Benchmark harness for llm-session (SPEC section 9). One corpus, one run, every figure measured side by side:
#
#   bench/run.sh [SIZE] [SEED]          SIZE: 10m | 200m | 1g | 4g ... (default 1g), SEED default 42
#
# Environment knobs (defaults follow docs/BENCHMARKS.md):
#   BENCH_DIR     where the corpus and the temp homes go (default /tmp/llm-session-bench; outside the repo)
#   WARM_REPS     warm `list --all --json` runs (5)       APPEND_REPS  append-then-list rounds (3)
#   LIST_REPS     `list` (running only) runs (10)         CAT_REPS     `cat corpus` runs (3)
#   CC_REPS       runs of each ccusage report (3)         CCUSAGE      ccusage command (default: found or installed)
#   SKIP_CCUSAGE=1  do not run ccusage                    SINGLE=1     one session holds the whole corpus
#   JAVA_OPTS     extra JVM options for the CLI (e.g. -Xmx256m), recorded with the results
#
# Prints a plain table and appends raw numbers to bench/out/results.tsv (gitignored).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-1g}"
seed="${2:-42}"
bench_dir="${BENCH_DIR:-/tmp/llm-session-bench}"
warm_reps="${WARM_REPS:-5}"
append_reps="${APPEND_REPS:-3}"
list_reps="${LIST_REPS:-10}"
cat_reps="${CAT_REPS:-3}"
cc_reps="${CC_REPS:-3}"
# Default: the launcher's own JVM options, so the figures are those a user of ./llm-session gets.
java_opts="${JAVA_OPTS-$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$(dirname "$0")/../llm-session")}"
ccusage_pin="ccusage@20.0.24" # 20.0.26 (latest at the time of writing) ships no linux-x64 binary
corpus="$bench_dir/corpus-$size-$seed${SINGLE:+-single}"
data="$bench_dir/data"
out_dir="$here/bench/out"
run_id="$(date -u +%Y%m%dT%H%M%SZ)"
raw="$out_dir/results.tsv"
mkdir -p "$bench_dir" "$out_dir"

log() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time (peak RSS)..."
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi
fi

log "building the CLI (./llm-session --version) and the generator..."
"$here/llm-session" --version >/dev/null
(cd "$here" && mvn -q -B -DskipTests -pl session-bench -am package) >"$bench_dir/build.log" 2>&1 \
  || { log "generator build failed, see $bench_dir/build.log"; exit 1; }
jar="$here/session-cli/target/llm-session.jar"
gen=(java -cp "$here/session-bench/target/classes" dev.llmsession.bench.CorpusGenerator)

ccusage=()
if [ -z "${SKIP_CCUSAGE:-}" ]; then
  if [ -n "${CCUSAGE:-}" ]; then
    read -r -a ccusage <<<"$CCUSAGE"
  elif command -v ccusage >/dev/null 2>&1 && ccusage --version >/dev/null 2>&1; then
    ccusage=(ccusage)
  elif command -v npm >/dev/null 2>&1; then
    if [ ! -x "$bench_dir/ccusage/node_modules/.bin/ccusage" ]; then
      log "installing $ccusage_pin into $bench_dir/ccusage (npm)..."
      mkdir -p "$bench_dir/ccusage"
      (cd "$bench_dir/ccusage" && npm install --no-audit --no-fund --silent "$ccusage_pin" >/dev/null 2>&1) || true
    fi
    if "$bench_dir/ccusage/node_modules/.bin/ccusage" --version >/dev/null 2>&1; then
      ccusage=("$bench_dir/ccusage/node_modules/.bin/ccusage")
    fi
  fi
  [ ${#ccusage[@]} -gt 0 ] || log "ccusage not available: its columns stay empty"
fi

# ---------------------------------------------------------------- corpus
rm -rf "$corpus"
log "generating the $size corpus (seed $seed) into $corpus..."
t0=$(date +%s%N)
"${gen[@]}" --out "$corpus" --size "$size" --seed "$seed" ${SINGLE:+--single} >"$bench_dir/gen.log"
gen_s=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN{printf "%.2f", (b-a)/1e9}')
log "$(cat "$bench_dir/gen.log")"
corpus_bytes=$(find "$corpus/.claude" -name '*.jsonl' -printf '%s\n' | awk '{s+=$1} END{print s}')
corpus_files=$(find "$corpus/.claude" -name '*.jsonl' | wc -l)

# ---------------------------------------------------------------- measuring
# Every run gets the corpus as HOME (so ~/.claude is the corpus) and a private store/config/cache.
home_env=(env -i PATH="$PATH" LANG=C.UTF-8 TZ=UTC HOME="$corpus" CLAUDE_CONFIG_DIR="$corpus/.claude"
  LLM_SESSION_HOME="$data" XDG_CONFIG_HOME="$bench_dir/xdg/config" XDG_DATA_HOME="$bench_dir/xdg/data"
  XDG_CACHE_HOME="$bench_dir/xdg/cache" NO_COLOR=1)
data_dir_opt=()
if java -jar "$jar" list --help 2>/dev/null | grep -q -- '--data-dir'; then data_dir_opt=(--data-dir "$data"); fi

# measure NAME CMD... : one run; records wall seconds (ns clock) and peak RSS (KiB, GNU time).
measure() {
  local name="$1"; shift
  local t0 t1 rss
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$bench_dir/rss" "$@" >"$bench_dir/last.out" 2>"$bench_dir/last.err" \
    || { log "$name failed: $(tail -3 "$bench_dir/last.err")"; }
  t1=$(date +%s%N)
  rss=$(tail -1 "$bench_dir/rss")
  local wall
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run_id" "$size" "$name" "$wall" "$rss" "$corpus_bytes" "$java_opts" >>"$raw"
  printf '%s %s\n' "$wall" "$rss" >>"$bench_dir/m.$name"
}
read -r -a java_opt_words <<<"$java_opts"
# The class-data-sharing archive the launcher builds beside the jar: what a user's `./llm-session` runs with.
cds_opts=()
cds="${jar%.jar}.jsa"
if [ -f "$cds" ]; then cds_opts=(-XX:SharedArchiveFile="$cds" -Xlog:cds=off -Xlog:cds+dynamic=off); fi
ours=("${home_env[@]}" java "${cds_opts[@]}" "${java_opt_words[@]}" -jar "$jar" "${data_dir_opt[@]}")
rm -f "$bench_dir"/m.*

log "cat floor x$cat_reps..."
for _ in $(seq "$cat_reps"); do
  measure cat sh -c "find '$corpus/.claude' -name '*.jsonl' -print0 | xargs -0 cat >/dev/null"
done

log "ours: cold list --all --json (empty store)..."
rm -rf "$data" "$bench_dir/xdg"; mkdir -p "$data"
measure cold "${ours[@]}" list --all --json
cp "$bench_dir/last.out" "$bench_dir/ours-cold.json"

log "ours: warm list --all --json x$warm_reps..."
for _ in $(seq "$warm_reps"); do measure warm "${ours[@]}" list --all --json; done

log "ours: list (running only) x$list_reps..."
for _ in $(seq "$list_reps"); do measure list "${ours[@]}" list; done

if [ ${#ccusage[@]} -gt 0 ]; then
  cc=(env -i PATH="$PATH" LANG=C.UTF-8 TZ=UTC HOME="$corpus" CLAUDE_CONFIG_DIR="$corpus/.claude" NO_COLOR=1 "${ccusage[@]}")
  log "ccusage ($("${ccusage[@]}" --version 2>/dev/null | tail -1)): session/daily --json --offline x$cc_reps..."
  for _ in $(seq "$cc_reps"); do
    measure cc_session "${cc[@]}" session --json --offline
    cp "$bench_dir/last.out" "$bench_dir/ccusage-session.json"
    measure cc_daily "${cc[@]}" daily --json --offline
    cp "$bench_dir/last.out" "$bench_dir/ccusage-daily.json"
  done
fi

cp "$corpus/truth.json" "$bench_dir/truth-before-append.json"
log "ours: append to 10 sessions, then list --all --json, x$append_reps..."
for _ in $(seq "$append_reps"); do
  "${gen[@]}" --out "$corpus" --append-to 10 >/dev/null
  measure append "${ours[@]}" list --all --json
done
cp "$bench_dir/last.out" "$bench_dir/ours-final.json"

# ---------------------------------------------------------------- report
med() { [ -f "$bench_dir/m.$1" ] && awk '{print $1}' "$bench_dir/m.$1" | sort -n | awk '{a[NR]=$1} END{if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}' || echo "-"; }
maxrss() { [ -f "$bench_dir/m.$1" ] && awk '{if ($2>m) m=$2} END{printf "%.0f\n", m/1024}' "$bench_dir/m.$1" || echo "-"; }
count() { [ -f "$bench_dir/m.$1" ] && wc -l <"$bench_dir/m.$1" || echo 0; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a=="-"||b=="-"||b==0) print "-"; else printf "%.2f\n", a/b }'; }

mib=$(awk -v b="$corpus_bytes" 'BEGIN{printf "%.0f", b/1048576}')
{
  echo
  echo "llm-session benchmark  run $run_id  corpus $size seed $seed: $mib MiB in $corpus_files files  (generator ${gen_s}s)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)"
  [ -n "$java_opts" ] && echo "JAVA_OPTS: $java_opts"
  printf '%-34s %5s %10s %10s\n' "measure" "runs" "median s" "peak MiB"
  for m in cat cold warm append list cc_session cc_daily; do
    label="$m"
    case "$m" in
      cat) label="cat corpus (physical floor)";; cold) label="ours list --all --json, cold";;
      warm) label="ours list --all --json, warm";; append) label="ours warm after append to 10";;
      list) label="ours list (running only)";; cc_session) label="ccusage session --json --offline";;
      cc_daily) label="ccusage daily --json --offline";;
    esac
    printf '%-34s %5s %10s %10s\n' "$label" "$(count "$m")" "$(med "$m")" "$(maxrss "$m")"
  done
  echo
  echo "ratios (>1 means ours is faster)"
  echo "  ccusage session / ours cold   : $(ratio "$(med cc_session)" "$(med cold)")   (target >= 1)"
  echo "  ccusage session / ours warm   : $(ratio "$(med cc_session)" "$(med warm)")   (target >= 10)"
  echo "  ccusage session / ours append : $(ratio "$(med cc_session)" "$(med append)")   (target >= 10)"
  echo "  ccusage daily   / ours warm   : $(ratio "$(med cc_daily)" "$(med warm)")"
  echo "  cat floor       / ours cold   : $(ratio "$(med cat)" "$(med cold)")   (1.0 = as fast as reading the bytes)"
  echo "  ours list median              : $(med list) s   (target <= 0.5)"
  echo "  ours cold peak RSS            : $(maxrss cold) MiB   (target <= 256)"
  echo
  echo "correctness (per-session totals against the generator's truth.json):"
  python3 "$here/bench/compare.py" "$corpus/truth.json" "$bench_dir/ours-final.json" \
    "$([ -f "$bench_dir/ccusage-session.json" ] && echo "$bench_dir/ccusage-session.json")" \
    "$bench_dir/ours-cold.json" "$bench_dir/truth-before-append.json" \
    "$([ -f "$bench_dir/ccusage-daily.json" ] && echo "$bench_dir/ccusage-daily.json")" || true
} | tee -a "$out_dir/report-$run_id.txt"
log "raw numbers appended to $raw; report in $out_dir/report-$run_id.txt"
