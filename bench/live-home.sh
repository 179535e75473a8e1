# Sourced by bench/engine.sh, bench/monitor.sh and bench/inproc.sh: a private HOME made of the benchmark corpus,
# with live sessions in it.

# live_home WORK CORPUS COUNT: WORK/home/.claude as hard links to CORPUS/.claude (no copy), the COUNT most recent
# transcripts listed in WORK/live.txt and made real copies (a running session appends to its own file; the shared
# corpus stays as it is).
live_home() {
  local work="$1" corpus="$2" count="$3" f
  mkdir -p "$work/home"
  cp -al "$corpus/.claude" "$work/home/.claude"
  find "$work/home/.claude/projects" -maxdepth 2 -name '*.jsonl' -printf '%T@ %p\n' | sort -rn \
    | awk -v n="$count" 'NR <= n' | cut -d' ' -f2- >"$work/live.txt"
  while read -r f; do cp --remove-destination "$(readlink -f "$f")" "$f.tmp" && mv "$f.tmp" "$f"; done <"$work/live.txt"
}

# start_live WORK: for each transcript in WORK/live.txt a process named `claude` (a copy of sleep), registered in
# WORK/home/.claude/sessions/<pid>.json the way Claude Code registers a session; the pids are added to `pids`.
start_live() {
  local work="$1" f id cwd
  mkdir -p "$work/bin"
  cp /bin/sleep "$work/bin/claude"
  rm -rf "$work/home/.claude/sessions"
  mkdir -p "$work/home/.claude/sessions"
  while read -r f; do
    id="$(basename "$f" .jsonl)"
    cwd="$(grep -m1 -o '"cwd":"[^"]*"' "$f" | cut -d'"' -f4)"
    (cd "$work" && exec "$work/bin/claude" 100000) &
    pids+=($!)
    printf '{"pid":%d,"sessionId":"%s","cwd":"%s","status":"busy"}\n' "$!" "$id" "$cwd" \
      >"$work/home/.claude/sessions/$!.json"
  done <"$work/live.txt"
}
