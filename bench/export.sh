#!/usr/bin/env bash
# export / import-context on a hostile-sized transcript: does the context read stay in bounded memory?
# Builds a HOME (outside the repository) whose one session is the real sample plus a 64 MB tool_use line
# (a Write of a huge file), a 32 MB typed prompt and LINES ordinary assistant lines, then runs export and
# import-context with a small heap (JAVA_OPTS, default -Xmx160m, the heap at which `list --all` of the same HOME fits) and reports wall time and peak RSS, REPS times.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${BENCH_DIR:-/tmp/llm-session-bench}/export
LINES=${LINES:-200000}
REPS=${REPS:-3}
JAVA_OPTS=${JAVA_OPTS:--Xmx160m}
JAR=session-cli/target/llm-session.jar
[ -f "$JAR" ] || mvn -B -q -o package -DskipTests -pl session-cli -am
SID=4d5611e5-241a-462a-8d15-5122611a9569
rm -rf "$DIR"; mkdir -p "$DIR/home/.claude/projects/-work-spotter"
T="$DIR/home/.claude/projects/-work-spotter/$SID.jsonl"
cp session-discovery-claude/src/test/resources/fixtures/claude/$SID.jsonl "$T"
python3 - "$T" "$LINES" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "a") as f:
    f.write('{"type":"assistant","sessionId":"S","timestamp":"2026-02-12T21:10:00Z","message":{"id":"msg_big",'
            '"content":[{"type":"tool_use","id":"t","name":"Write","input":{"content":"' + "x" * (64 << 20)
            + '","file_path":"/work/big.bin"}}]}}\n')
    f.write('{"type":"user","timestamp":"2026-02-12T21:11:00Z","message":{"role":"user","content":"'
            + "paste " * ((32 << 20) // 6) + '"}}\n')
    for i in range(n):
        f.write('{"type":"assistant","timestamp":"2026-02-12T21:12:00Z","requestId":"req_%d","message":{"id":"msg_%d",'
                '"model":"claude-opus-4-6","content":[{"type":"text","text":"step %d done"}],"usage":{"input_tokens":1,'
                '"output_tokens":2,"cache_creation_input_tokens":3,"cache_read_input_tokens":4}}}\n' % (i, i, i))
PY
echo "transcript: $(du -h "$T" | cut -f1), machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $(java -version 2>&1 | head -1), load average $(cut -d" " -f1-3 /proc/loadavg), JAVA_OPTS=$JAVA_OPTS"
run() { # label, args...
    local label=$1; shift
    local start end
    start=$(date +%s%N)
    HOME="$DIR/home" LLM_SESSION_HOME="$DIR/data" /usr/bin/time -f "%M" -o "$DIR/rss" \
        java $JAVA_OPTS -jar "$JAR" "$@" > "$DIR/out" 2> "$DIR/err" || { cat "$DIR/err"; exit 1; }
    end=$(date +%s%N)
    printf '%s\t%d ms\t%d MB peak RSS\n' "$label" $(( (end - start) / 1000000 )) $(( $(cat "$DIR/rss") / 1024 ))
}
for i in $(seq "$REPS"); do
    rm -rf "$DIR/data" "$DIR/pack.json"
    run "export (cold store)" export 4d56 -o "$DIR/pack.json"
    run "export (warm store)" export 4d56 -o "$DIR/pack.json" --force
    run "import-context" import-context "$DIR/pack.json" --write "$DIR/primer.md" --force
done
echo "pack: $(stat -c %s "$DIR/pack.json") bytes; largest message: $(python3 -c "import json,sys; p=json.load(open('$DIR/pack.json')); print(max(len(m['text']) for m in p['messages']+p['goals']))") characters"
