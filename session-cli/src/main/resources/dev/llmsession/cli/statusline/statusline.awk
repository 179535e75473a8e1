# llm-session status line renderer (POSIX awk). Reads one Claude Code status-line payload on stdin and prints
# one line: context bar and %, tokens left to auto-compaction, session cost, official 5-hour / 7-day use with
# the time to reset, health. It never fails loudly: a figure it cannot read is left out.
# Variables: conf = the settings file (segments=..., colour=always|never|auto), health = the health file that a
# background `llm-session statusline --refresh` writes (one line, e.g. "✅ 81%"), stamp = when that refresh was
# last started (epoch seconds); when it is a minute old or missing, it is renewed and awk exits 10.
# The whole payload is one record (RS is a byte JSON never holds); files read with getline use lines.
BEGIN { segments = "context,compact,cost,limits,health"; colour = "auto"; readconf(); RS = "\001" }
{ s = s $0 }
END { render() }

function readconf(   line, k, v) {
    if (conf == "") return
    while ((getline line < conf) > 0) {
        k = line; sub(/=.*/, "", k); v = line; sub(/^[^=]*=/, "", v)
        if (k == "segments" && v ~ /^[a-z0-9,]*$/) segments = v
        if (k == "colour" && v ~ /^(always|never|auto)$/) colour = v
    }
    close(conf)
}

# The text of the flat object that is the value of "key" ({...} up to its first closing brace), or "".
function obj(text, key,   i, t, j) {
    i = index(text, "\"" key "\"")
    if (!i) return ""
    t = substr(text, i + length(key) + 2)
    sub(/^[ \t\r\n]*:[ \t\r\n]*/, "", t)
    if (substr(t, 1, 1) != "{") return ""
    j = index(t, "}")
    return j ? substr(t, 1, j) : ""
}

# The number that is the value of "key" in text, or "" when absent, null or not a number.
function num(text, key,   i, t) {
    i = index(text, "\"" key "\"")
    if (!i) return ""
    t = substr(text, i + length(key) + 2, 80)
    sub(/^[ \t\r\n]*:[ \t\r\n]*/, "", t)
    if (match(t, /^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) return substr(t, 1, RLENGTH) + 0
    return ""
}

function compact(n) {
    if (n >= 1000000) return sprintf("%.1fM", n / 1000000)
    if (n >= 1000) return sprintf("%.0fk", n / 1000)
    return sprintf("%d", n)
}

function span(sec,   d, h, m) {
    if (sec < 0) sec = 0
    d = int(sec / 86400); h = int((sec % 86400) / 3600); m = int((sec % 3600) / 60)
    if (d > 0) return d "d" h "h"
    if (h > 0) return h "h" m "m"
    return m "m"
}

function paint(text, pct) {
    if (!colours) return text
    if (pct >= 80) return "\033[31m" text "\033[0m"
    if (pct >= 60) return "\033[33m" text "\033[0m"
    return "\033[32m" text "\033[0m"
}

function add(part) { if (part != "") out = out (out == "" ? "" : sep) part }

function limit(name, w, now,   used, reset, t, full) {
    used = num(w, "used_percentage")
    if (used == "" || used > 100) return ""
    t = name " " sprintf("%.0f%%", used)
    reset = num(w, "resets_at")
    if (reset != "" && reset > now) {
        t = t " " resetmark span(reset - now)
        # at the window's average rate so far, the limit is reached before the reset (5-hour window only)
        if (name == "5h" && used > 0 && now - (reset - 18000) > 0) {
            full = now + (100 - used) * (now - (reset - 18000)) / used
            if (full < reset) t = t " full in " span(full - now)
        }
    }
    return paint(t, used)
}

function render(   last, now, cw, window, usage, ctx, pct, cells, full, i, bar, n, segs, seg, cost, line, auto) {
    RS = "\n"
    colours = colour == "always" || (colour == "auto" && ENVIRON["NO_COLOR"] == "")
    sep = " · "; resetmark = "↺"
    srand(); now = srand()
    cw = obj(s, "context_window")
    window = num(s, "context_window_size")
    usage = obj(s, "current_usage")
    ctx = ""
    if (usage != "" && num(usage, "input_tokens") != "" && num(usage, "cache_creation_input_tokens") != "" \
            && num(usage, "cache_read_input_tokens") != "")
        ctx = num(usage, "input_tokens") + num(usage, "cache_creation_input_tokens") \
            + num(usage, "cache_read_input_tokens")
    n = split(segments, segs, ",")
    for (i = 1; i <= n; i++) {
        seg = segs[i]
        if (seg == "context") {
            if (ctx != "" && window > 0) {
                pct = 100 * ctx / window
                full = int(pct / 12.5 + 0.5); if (full > 8) full = 8
                bar = ""; for (cells = 0; cells < 8; cells++) bar = bar (cells < full ? "█" : "░")
                add(paint(bar " " sprintf("%.0f%%", pct), pct))
            } else if (window > 0) {
                add("░░░░░░░░ ? of " compact(window))
            }
        } else if (seg == "compact") {
            if (ctx != "" && window > 33000) {
                auto = window - 33000 - ctx
                add(auto > 0 ? compact(auto) " to compact" : "compacting soon")
            }
        } else if (seg == "cost") {
            cost = num(obj(s, "cost"), "total_cost_usd")
            if (cost != "") add(sprintf("$%.2f", cost))
        } else if (seg == "limits") {
            add(limit("5h", obj(s, "five_hour"), now))
            add(limit("7d", obj(s, "seven_day"), now))
        } else if (seg == "model") {
            add(clean(text(obj(s, "model"), "display_name"), 24))
        } else if (seg == "health") {
            if (health != "" && (getline line < health) > 0) add(clean(line, 16))
            if (health != "") close(health)
        }
    }
    print out
    if (stamp != "") {
        last = 0
        if ((getline last < stamp) > 0) close(stamp)
        if (now - last >= 60 || now < last) {
            print now > stamp
            close(stamp)
            exit 10
        }
    }
}

# The string value of "key" in text (escapes left as they are), or "".
function text(t, key,   i, r) {
    i = index(t, "\"" key "\"")
    if (!i) return ""
    r = substr(t, i + length(key) + 2)
    sub(/^[ \t\r\n]*:[ \t\r\n]*"/, "", r)
    sub(/".*/, "", r)
    return r
}

# Printable text only, at most max characters (bytes, for a portable awk).
function clean(t, max) {
    gsub(/[\000-\037\177]/, "", t)
    gsub(/\\/, "", t)
    return length(t) > max * 4 ? substr(t, 1, max * 4) : t
}
