#!/usr/bin/env bash
# The first index's CPU against ccusage's, run back to back and alternating (issue 14): on a shared machine the
# CPU time (user + sys) is the fair figure, wall time follows the load. Each round runs every given jar once
# (`--no-daemon list --all --json` on a fresh store, the launcher's JVM options and its CDS archive when one lies
# beside the jar) and ccusage `session --json --offline` once, printing wall, CPU, peak RSS and the load average,
# and checks each jar's output against the corpus's truth.json. Every run is sampled by bench/cores.py (how much of
# the time both cores were busy, how much the program had two threads runnable; timeline in $BENCH_DIR/NAME.cores).
# A jar without a CDS archive beside it (JAR minus .jar plus .jsa) gets one trained the launcher's way.
#   bench/cold.sh CORPUS_DIR [ROUNDS] [LABEL=JAR ...]     default jar: this checkout's session-cli/target/llm-session.jar
# Knobs: JAVA_OPTS (default: the launcher's), SKIP_CCUSAGE=1, CCUSAGE, BENCH_DIR (work directory),
# SAMPLE_SECONDS (the core sampler's interval, default 0.5).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?corpus directory (the one holding .claude/ and truth.json)}"
rounds="${2:-3}"
shift $(( $# >= 2 ? 2 : 1 ))
[ $# -gt 0 ] || { "$here/llm-session" --version >/dev/null; set -- "ours=$here/session-cli/target/llm-session.jar"; }
work="${BENCH_DIR:-/tmp/llm-session-bench/cold}"
java_opts="${JAVA_OPTS-$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$here/llm-session")}"
ccusage="${CCUSAGE:-/tmp/llm-session-bench/ccusage/node_modules/.bin/ccusage}"
mkdir -p "$work"
read -r -a java_opt_words <<<"$java_opts"

# one NAME CMD...: runs CMD under GNU time, prints a row; the output is kept in $work/NAME.out
one() {
  local name="$1"; shift
  local before after
  local before after pid status=0
  before=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pid=$!
  python3 "$here/bench/cores.py" "$pid" "${SAMPLE_SECONDS:-0.5}" "$work/$name.cores" >"$work/cores" &
  wait "$pid" || status=$?
  wait $!
  [ "$status" = 0 ] || echo "$name failed: $(tail -3 "$work/$name.err")" >&2
  after=$(cut -d' ' -f1 /proc/loadavg)
  read -r wall user sys rss <"$work/time"
  printf '%-10s wall %6.2f s  CPU %6.2f s (user %6.2f + sys %5.2f)  RSS %4d MiB  load %s -> %s\n' \
    "$name" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" $((rss / 1024)) "$before" "$after"
  sed 's/^/           /' "$work/cores"
}

# train JAR: a CDS archive beside JAR, the launcher's training (one in-process `list --all` of a one-transcript home)
train() {
  local jar="$1" home
  home="$(mktemp -d "$work/train.XXXXXX")"
  mkdir -p "$home/.claude/projects/-tmp-train"
  sed -n "s/^    '\({.*}\)' \\$/\1/p" "$here/llm-session" >"$home/.claude/projects/-tmp-train/train.jsonl"
  env -i PATH="$PATH" HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    LLM_SESSION_HOME="$home/data" CLAUDE_CONFIG_DIR="$home/.claude" LLM_SESSION_NO_DAEMON=1 \
    java -XX:ArchiveClassesAtExit="${jar%.jar}.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off "${java_opt_words[@]}" \
    -cp "$jar" dev.llmsession.cli.client.EngineClient list --all >/dev/null 2>&1 || rm -f "${jar%.jar}.jsa"
  rm -rf "$home"
}
for spec in "$@"; do jar="${spec#*=}"; [ -f "${jar%.jar}.jsa" ] || train "$jar"; done

for round in $(seq "$rounds"); do
  echo "round $round ($(date -u +%H:%M:%S) UTC)"
  for spec in "$@"; do
    label="${spec%%=*}"; jar="${spec#*=}"
    cds=(); [ -f "${jar%.jar}.jsa" ] && cds=(-XX:SharedArchiveFile="${jar%.jar}.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
    data="$work/data-$label"; rm -rf "$data" "$work/xdg"; mkdir -p "$data"
    one "$label" env -i PATH="$PATH" LANG=C.UTF-8 TZ=UTC HOME="$corpus" CLAUDE_CONFIG_DIR="$corpus/.claude" \
      LLM_SESSION_HOME="$data" XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" \
      XDG_CACHE_HOME="$work/xdg/cache" XDG_RUNTIME_DIR="$work/xdg/run" NO_COLOR=1 \
      java "${cds[@]}" "${java_opt_words[@]}" -cp "$jar" dev.llmsession.cli.client.EngineClient --no-daemon \
      list --all --json
    python3 "$here/bench/compare.py" "$corpus/truth.json" "$work/$label.out" | grep -i 'exact' | head -1 | sed 's/^/           /'
  done
  if [ -z "${SKIP_CCUSAGE:-}" ] && [ -x "$ccusage" ]; then
    one ccusage env -i PATH="$PATH" LANG=C.UTF-8 TZ=UTC HOME="$corpus" CLAUDE_CONFIG_DIR="$corpus/.claude" NO_COLOR=1 \
      "$ccusage" session --json --offline
  fi
done
