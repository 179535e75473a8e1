#!/usr/bin/env bash
# Times the status-line command that `integrate claude` installs, as Claude Code runs it: a shell, the payload on
# stdin. A scratch HOME gets a live fake session (a `claude` process, its registry file, a real transcript) so the
# background health refresh runs as it would. Needs hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/session-cli/target/llm-session.jar"
[ -f "$jar" ] || (cd "$here" && mvn -q -B -o -DskipTests -pl session-cli -am package)
runs="${RUNS:-200}"
sid=4d5611e5-241a-462a-8d15-5122611a9569
work="$(mktemp -d "${TMPDIR:-/tmp}/llm-session-statusline.XXXXXX")"
trap 'kill "$fake" 2>/dev/null || true; rm -rf "$work"' EXIT
export HOME="$work/home"
unset LLM_SESSION_HOME XDG_DATA_HOME XDG_CONFIG_HOME CLAUDE_CONFIG_DIR
mkdir -p "$HOME/.claude/sessions" "$work/demo"
project="$HOME/.claude/projects/$(printf '%s' "$work/demo" | sed 's/[^A-Za-z0-9]/-/g')"
mkdir -p "$project"
cp "$here/session-discovery-claude/src/test/resources/fixtures/claude/$sid.jsonl" "$project/"
cp /bin/sleep "$work/claude"
(cd "$work/demo" && exec "$work/claude" 3600) &
fake=$!
printf '{"pid":%s,"sessionId":"%s","cwd":"%s","startedAt":%s000,"status":"busy"}' \
  "$fake" "$sid" "$work/demo" "$(date +%s)" > "$HOME/.claude/sessions/$fake.json"
java -jar "$jar" integrate claude --yes >/dev/null
command="$(sed -n 's/.*"command":"\(sh [^"]*\)".*/\1/p' "$HOME/.claude/settings.json")"
reset=$(( $(date +%s) + 7200 ))
cat > "$work/payload.json" <<JSON
{"session_id":"$sid","transcript_path":"$project/$sid.jsonl","cwd":"$work/demo","model":{"id":"claude-opus-5-5","display_name":"Opus 5.5"},"workspace":{"current_dir":"$work/demo","project_dir":"$work/demo","added_dirs":[]},"version":"2.1.332","output_style":{"name":"default"},"cost":{"total_cost_usd":0.0413706,"total_duration_ms":81965,"total_api_duration_ms":17950,"total_lines_added":0,"total_lines_removed":0},"context_window":{"total_input_tokens":2904,"total_output_tokens":6,"context_window_size":1000000,"current_usage":{"input_tokens":4,"output_tokens":6,"cache_creation_input_tokens":900,"cache_read_input_tokens":2000},"used_percentage":0,"remaining_percentage":100},"exceeds_200k_tokens":false,"rate_limits":{"five_hour":{"used_percentage":42,"resets_at":$reset},"seven_day":{"used_percentage":18,"resets_at":$(( reset + 300000 ))}},"prompt_cache":{"warm":true,"ttl":"5m","requests":7,"hit_ratio":0.8091435237112476},"fast_mode":false,"thinking":{"enabled":true}}
JSON
echo "machine: $(nproc) cores, $(uptime)"
echo "line: $(sh -c "$command" < "$work/payload.json")"
# -N: no shell of hyperfine's own is subtracted; the `sh -c` that Claude Code would start is part of the time
hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/wrapper.json" "sh -c \"$command < $work/payload.json\""
echo "after: $(uptime)"
python3 - "$work/wrapper.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
t = [x * 1000 for x in r["times"]]
print("median %.1f ms, mean %.1f, min %.1f, max %.1f, n=%d; CPU user %.1f ms, system %.1f ms"
      % (statistics.median(t), statistics.mean(t), min(t), max(t), len(t), r["user"] * 1000, r["system"] * 1000))
PY
