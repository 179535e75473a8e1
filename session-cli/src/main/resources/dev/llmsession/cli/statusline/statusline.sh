#!/bin/sh
# llm-session status line for Claude Code, installed by `llm-session integrate claude` (undo: `llm-session
# integrate claude --uninstall`). It records the payload Claude Code gives on stdin for llm-session and prints a
# line from it; no JVM runs on this path. Health comes from a file that a background refresh keeps current.
d=@DIR@
previous=@PREVIOUS@
refresh=@REFRESH@
umask 077
p=$(head -c 262144)
sid=
case $p in
  *'"session_id"'*)
    r=${p#*'"session_id"'}; r=${r#*'"'}; sid=${r%%'"'*}
    case $sid in
      [0-9A-Za-z]*) case $sid in *[!0-9A-Za-z._-]*) sid= ;; esac ;;
      *) sid= ;;
    esac ;;
esac
if [ -n "$sid" ]; then
  [ -d "$d/spool" ] || mkdir -p "$d/spool" "$d/health" 2>/dev/null
  t="$d/spool/.$sid.$$"
  # write then rename: a reader sees the old payload or the new one, never half of one
  if printf '%s\n' "$p" >"$t" 2>/dev/null; then mv -f "$t" "$d/spool/$sid.json" 2>/dev/null || rm -f "$t"; fi
fi
h=
[ -n "$sid" ] && h="$d/health/$sid"
printf '%s\n' "$p" | awk -v conf="$d/statusline.conf" -v health="$h" -f "$d/statusline.awk" 2>/dev/null
if [ -n "$previous" ]; then
  printf '%s\n' "$p" | sh -c "$previous" 2>/dev/null | head -c 8192
fi
# health at most once a minute per session, in the background, detached from Claude Code's pipe
if [ -n "$sid" ] && [ -n "$refresh" ] && [ -z "$(find "$h" -mmin -1 2>/dev/null)" ]; then
  l="$d/health/.$sid.lock"
  if mkdir "$l" 2>/dev/null; then
    (eval "$refresh" '"$sid"'; rmdir "$l") </dev/null >/dev/null 2>&1 &
  else
    find "$l" -prune -mmin +5 -exec rmdir {} \; 2>/dev/null
  fi
fi
exit 0
