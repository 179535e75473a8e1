#!/bin/sh
# llm-session status line for Claude Code, installed by `llm-session integrate claude` (undo: `llm-session
# integrate claude --uninstall`). It records the payload Claude Code gives on stdin for llm-session and prints a
# line from it; no JVM runs on this path. Health comes from a file that a background refresh keeps current.
# Few processes on purpose (mv and awk): on a loaded machine every process start costs a scheduling delay.
d=@DIR@
previous=@PREVIOUS@
refresh=@REFRESH@
umask 077
# the payload, bounded: builtins only
p=
while IFS= read -r l || [ -n "$l" ]; do
  p="$p$l
"
  [ ${#p} -gt 262144 ] && break
done
sid=
case $p in
  *'"session_id"'*)
    r=${p#*'"session_id"'}; r=${r#*'"'}; sid=${r%%'"'*}
    case $sid in
      [0-9A-Za-z]*) case $sid in *[!0-9A-Za-z._-]*) sid= ;; esac ;;
      *) sid= ;;
    esac ;;
esac
h=
s=
if [ -n "$sid" ]; then
  [ -d "$d/health" ] || mkdir -p "$d/spool" "$d/health" 2>/dev/null
  t="$d/spool/.$sid.$$"
  # write then rename: a reader sees the old payload or the new one, never half of one
  if printf '%s' "$p" >"$t" 2>/dev/null; then mv -f "$t" "$d/spool/$sid.json" 2>/dev/null || rm -f "$t"; fi
  h="$d/health/$sid"
  [ -n "$refresh" ] && s="$d/health/.$sid.stamp"
fi
# the renderer exits 10 when the session's health is due for a refresh (at most once a minute)
awk -v conf="$d/statusline.conf" -v health="$h" -v stamp="$s" -f "$d/statusline.awk" 2>/dev/null <<EOF
$p
EOF
due=$?
if [ -n "$previous" ]; then
  printf '%s' "$p" | sh -c "$previous" 2>/dev/null | head -c 8192
fi
if [ "$due" = 10 ]; then
  # in the background and detached from Claude Code's pipe, so this script returns at once
  (eval "$refresh" '"$sid"') </dev/null >/dev/null 2>&1 &
fi
exit 0
