#!/usr/bin/env bash
# Cursor benchmark: refreshes over a generated multi-GB global state.vscdb (see cursor_db.py), measured in-process
# as the monitor refreshes (one long-lived discovery: cold, unchanged, one conversation changed), and `list --all`
# end to end through the packaged jar (each CLI run is a cold read).
#
#   bench/cursor.sh [HOME_DIR] [COMPOSERS] [BUBBLES] [BUBBLE_BYTES]
#
# Needs the packaged jar first: `mvn -o -q package -pl session-cli -am -DskipTests`.
# Writes only under HOME_DIR (default /tmp/llm-session-cursor-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
HOME_DIR=${1:-/tmp/llm-session-cursor-bench}
COMPOSERS=${2:-3000}
BUBBLES=${3:-50}
BUBBLE_BYTES=${4:-10000}
DB="$HOME_DIR/.config/Cursor/User/globalStorage/state.vscdb"
if [ ! -f "$DB" ]; then
  python3 bench/cursor_db.py "$HOME_DIR" --composers "$COMPOSERS" --bubbles "$BUBBLES" --bubble-bytes "$BUBBLE_BYTES"
fi
mvn -B -o -q test-compile dependency:build-classpath -pl session-discovery-cursor -am -Dmdep.outputFile=target/bench-cp.txt \
  -Dmdep.includeScope=test
CP="session-discovery-cursor/target/test-classes:session-discovery-cursor/target/classes:session-core/target/classes"
CP="$CP:$(tr ':' '\n' < session-discovery-cursor/target/bench-cp.txt | grep -v '/llm-session-core/' | paste -sd:)"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB RAM; java $(java -version 2>&1 | head -1)"
echo "== in-process refreshes (page cache warm after the first)"
java -Xmx512m -cp "$CP" dev.llmsession.discovery.cursor.CursorRefreshBench "$HOME_DIR" 7
EMPTY=$(mktemp -d)
echo "== baseline: list --all --json on an empty home (JVM start, store, process table), 3 runs"
for i in 1 2 3; do
  /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" \
    env HOME="$EMPTY" NO_COLOR=1 java -jar session-cli/target/llm-session.jar list --all --json > /dev/null
done
rm -rf "$EMPTY"
echo "== list --all --json --assistant cursor, packaged jar, 3 runs: the first on an empty store (cold), then warm"
rm -rf "$HOME_DIR/.local/share/llm-session"
for i in 1 2 3; do
  /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" \
    env HOME="$HOME_DIR" NO_COLOR=1 java -jar session-cli/target/llm-session.jar list --all --json --assistant cursor \
    > /tmp/llm-session-cursor-bench.json
done
python3 -c "import json; d=json.load(open('/tmp/llm-session-cursor-bench.json')); print(len(d), 'sessions;', sum(1 for s in d if s['tokens']['source']=='estimated'), 'estimated')"
