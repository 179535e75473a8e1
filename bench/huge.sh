#!/usr/bin/env bash
# The "5 GB transcript and 50 MB line" check (SPEC section 9): one session of SIZE (default 5g) holding a 50 MiB
# base64 line, read by llm-session with default JVM flags, -Xmx256m and -Xmx64m (it can only finish under a
# 64 MiB heap if nothing is loaded whole), and by ccusage; wall time and peak RSS of each, then the totals
# against truth.json. Run bench/run.sh once first (it builds everything and installs ccusage).
#   bench/huge.sh [SIZE] [SEED]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-5g}"
seed="${2:-42}"
B="${BENCH_DIR:-/tmp/llm-session-bench}"
H="$B/huge-$size"
J="$here/session-cli/target/llm-session.jar"
mkdir -p "$B/huge-data"
rm -rf "$H"
s=$(date +%s%N)
java -cp "$here/session-bench/target/classes" dev.llmsession.bench.CorpusGenerator --out "$H" --size "$size" --seed "$seed" --single
echo "generator: $(( ($(date +%s%N)-s)/1000000 )) ms"
ls -l "$H"/.claude/projects/*/*.jsonl
python3 - "$H" <<'P'
import glob, sys
f = glob.glob(sys.argv[1] + '/.claude/projects/*/*.jsonl')[0]
longest = cur = 0
with open(f, 'rb') as fh:
    while True:
        b = fh.read(1 << 24)
        if not b:
            break
        parts = b.split(b'\n')
        for i, p in enumerate(parts):
            cur += len(p)
            if i < len(parts) - 1:
                longest = max(longest, cur)
                cur = 0
print('longest line:', max(longest, cur), 'bytes')
P
s=$(date +%s%N); find "$H/.claude" -name '*.jsonl' -print0 | xargs -0 cat >/dev/null
echo "cat: $(( ($(date +%s%N)-s)/1000000 )) ms"
ours() {
  local label="$1" out="$2"; shift 2
  rm -rf "$B/huge-data"   # every run is a cold index into an empty store
  env -i PATH="$PATH" HOME="$H" LLM_SESSION_HOME="$B/huge-data" \
    timeout "${HUGE_TIMEOUT:-300}" /usr/bin/time -f "ours $label list --all --json: %e s, peak RSS %M KB" \
    java "$@" -jar "$J" list --all --json >"$out" || echo "ours $label: stopped or failed (exit $?)"
}
launcher_opts="$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$here/llm-session")"
# shellcheck disable=SC2086 # a list of JVM options
ours "(launcher flags: $launcher_opts)" "$B/huge-ours.json" $launcher_opts
# issue 14's check: exact under a 256 MiB heap; the GC log's largest heap after a full collection is the live set
ours "-XX:+UseSerialGC -Xmx256m" "$B/huge-ours-256.json" -XX:+UseSerialGC -Xmx256m -Xlog:gc:file="$B/huge-gc-256.log"
grep 'Pause Full' "$B/huge-gc-256.log" | sed 's/.*->\([0-9]*\)M(.*/\1/' | sort -n | tail -1 \
  | sed 's/^/ours -Xmx256m: largest heap after a full GC (live set) MiB: /'
ours "-Xmx64m" "$B/huge-ours-64.json" -Xmx64m
cc="$B/ccusage/node_modules/.bin/ccusage"
if [ -x "$cc" ]; then
  env -i PATH="$PATH" HOME="$H" CLAUDE_CONFIG_DIR="$H/.claude" \
    /usr/bin/time -f 'ccusage session --json --offline: %e s, peak RSS %M KB' "$cc" session --json --offline >"$B/huge-cc.json"
fi
python3 "$here/bench/compare.py" "$H/truth.json" "$B/huge-ours.json" "$([ -x "$cc" ] && echo "$B/huge-cc.json")" \
  "$B/huge-ours-64.json"
echo "ours -Xmx256m:"
python3 "$here/bench/compare.py" "$H/truth.json" "$B/huge-ours-256.json"
