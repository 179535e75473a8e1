#!/usr/bin/env bash
# Side by side with ccusage (issue 8): the same generated corpus through ccusage 20 (--offline) and through
# `llm-session usage`, compared per UTC day and per session with each other and with the generator's truth.json,
# plus both tools' wall times and peak RSS.
#
#   bench/compare-ccusage.sh [SIZE|CORPUS_DIR] [SEED]    SIZE default 200m; an existing corpus dir is used as is
#
# Environment: BENCH_DIR (default /tmp/llm-session-usage), REPS (warm runs of each report, default 3),
#   CCUSAGE (ccusage command; default: found on PATH or installed into BENCH_DIR with npm), JAVA_OPTS.
# Our store lives in BENCH_DIR/data and is emptied first, so the first `usage daily` is the cold run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
arg="${1:-200m}"
seed="${2:-42}"
bench_dir="${BENCH_DIR:-/tmp/llm-session-usage}"
reps="${REPS:-3}"
ccusage_pin="ccusage@20.0.24" # the newest 20.x with a linux-x64 binary when this was written
mkdir -p "$bench_dir"
log() { printf '%s\n' "$*" >&2; }

[ -x /usr/bin/time ] || { log "needs GNU time (/usr/bin/time) for peak RSS: apt-get install time"; exit 1; }

jar="$here/session-cli/target/llm-session.jar"
log "building the CLI and its class-data-sharing archive (./llm-session --version) and the generator..."
"$here/llm-session" --version >/dev/null
if [ ! -d "$here/session-bench/target/classes" ]; then
  (cd "$here" && mvn -q -B -DskipTests -pl session-bench -am package) >"$bench_dir/build.log" 2>&1 \
    || { log "generator build failed, see $bench_dir/build.log"; exit 1; }
fi

if [ -d "$arg" ]; then
  corpus="$(cd "$arg" && pwd)"
  size="$(basename "$corpus")"
else
  size="$arg"
  corpus="$bench_dir/corpus-$size-$seed"
  if [ ! -f "$corpus/truth.json" ]; then
    log "generating the $size corpus (seed $seed) into $corpus..."
    rm -rf "$corpus"
    java -cp "$here/session-bench/target/classes" dev.llmsession.bench.CorpusGenerator --out "$corpus" --size "$size" \
      --seed "$seed" >&2
  fi
fi
[ -f "$corpus/truth.json" ] || { log "$corpus has no truth.json (not a generated corpus)"; exit 2; }

ccusage=()
if [ -n "${CCUSAGE:-}" ]; then
  read -r -a ccusage <<<"$CCUSAGE"
elif command -v ccusage >/dev/null 2>&1 && ccusage --version >/dev/null 2>&1; then
  ccusage=(ccusage)
else
  if [ ! -x "$bench_dir/ccusage/node_modules/.bin/ccusage" ]; then
    log "installing $ccusage_pin into $bench_dir/ccusage (npm)..."
    mkdir -p "$bench_dir/ccusage"
    (cd "$bench_dir/ccusage" && npm install --no-audit --no-fund --silent "$ccusage_pin" >/dev/null 2>&1) || true
  fi
  ccusage=("$bench_dir/ccusage/node_modules/.bin/ccusage")
fi
"${ccusage[@]}" --version >/dev/null 2>&1 || { log "ccusage is not runnable: set CCUSAGE"; exit 1; }

data="$bench_dir/data"
out="$bench_dir/out"
rm -rf "$data" "$out"
mkdir -p "$data" "$out"
env_common=(env -i PATH="$PATH" LANG=C.UTF-8 TZ=UTC HOME="$corpus" CLAUDE_CONFIG_DIR="$corpus/.claude" NO_COLOR=1)
# Default: the launcher's own JVM options and class-data-sharing archive, as bench/run.sh: what `./llm-session` runs.
java_opts="${JAVA_OPTS-$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$here/llm-session")}"
read -r -a java_opt_words <<<"$java_opts"
cds_opts=()
if [ -f "${jar%.jar}.jsa" ]; then cds_opts=(-XX:SharedArchiveFile="${jar%.jar}.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off); fi
ours=("${env_common[@]}" XDG_CONFIG_HOME="$bench_dir/xdg" java "${cds_opts[@]}" "${java_opt_words[@]}" -jar "$jar"
  --data-dir "$data")
cc=("${env_common[@]}" "${ccusage[@]}")

# measure NAME CMD...: one run; stdout to out/NAME.json, "wall_s rss_kib" appended to out/NAME.m
measure() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$out/rss" "$@" >"$out/$name.json" 2>"$out/$name.err" \
    || { log "$name failed: $(tail -3 "$out/$name.err")"; exit 1; }
  t1=$(date +%s%N)
  printf '%s %s\n' "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')" "$(tail -1 "$out/rss")" >>"$out/$name.m"
}

log "ours: cold usage daily --json (empty store, indexes the corpus)..."
measure ours_cold "${ours[@]}" usage daily --json
log "ours and ccusage, alternating, x$reps..."
for _ in $(seq "$reps"); do
  measure ours_daily "${ours[@]}" usage daily --json
  measure cc_daily "${cc[@]}" daily --json --offline
  measure ours_daily_norefresh "${ours[@]}" usage daily --json --no-refresh
  measure ours_session "${ours[@]}" usage session --json
  measure cc_session "${cc[@]}" session --json --offline
done

log "JAVA_OPTS: $java_opts${cds_opts:+ (with the CDS archive)}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/bench/compare_usage.py" "$corpus/truth.json" "$out" "$("${ccusage[@]}" --version 2>/dev/null | tail -1)"
