#!/usr/bin/env python3
"""Compares per-session token totals from llm-session (`list --all --json`) and ccusage (`session --json`)
with the generator's truth.json. Usage:

  compare.py TRUTH OURS_JSON [CCUSAGE_SESSION_JSON [OURS_JSON_AT_THE_TIME_OF_CCUSAGE TRUTH_AT_THAT_TIME
             [CCUSAGE_DAILY_JSON]]]

Prints how many sessions each tool gets exactly right and a short table of the differences."""
import json
import sys

FIELDS = ("input", "output", "cacheWrite", "cacheRead")


def load_truth(path):
    t = json.load(open(path))
    return {s["id"]: s for s in t["sessions"]}


def ours(path):
    out = {}
    for s in json.load(open(path)):
        tok = s.get("tokens") or {}
        out[s["nativeId"]] = {"calls": tok.get("apiCalls"), "input": tok.get("input"), "output": tok.get("output"),
                              "cacheWrite": tok.get("cacheWrite"), "cacheRead": tok.get("cacheRead"),
                              "contextNow": (s.get("context") or {}).get("tokens")}
    return out


def ccusage(path):
    d = json.load(open(path))
    rows = d.get("session") or d.get("sessions") or []
    out = {}
    for r in rows:
        sid = r.get("period") or r.get("sessionId")
        out[sid] = {"input": r["inputTokens"], "output": r["outputTokens"], "cacheWrite": r["cacheCreationTokens"],
                    "cacheRead": r["cacheReadTokens"]}
    return out


def check(name, truth, got, fields, show=8, unit="sessions"):
    right, wrong, missing, extra = 0, [], [], [k for k in got if k not in truth]
    for sid, t in truth.items():
        g = got.get(sid)
        if g is None:
            if t.get("calls"):
                missing.append(sid)
            else:
                right += 1  # a session without a single call may be left out

            continue
        diffs = [(f, g.get(f), t.get(f)) for f in fields if g.get(f) != t.get(f)]
        if diffs:
            wrong.append((sid, diffs))
        else:
            right += 1
    print(f"{name}: {right}/{len(truth)} {unit} exactly equal to truth.json ({', '.join(fields)}); "
          f"{len(wrong)} differ, {len(missing)} missing, {len(extra)} extra")
    for sid, diffs in wrong[:show]:
        for f, g, t in diffs:
            print(f"    {sid[:10]:<10}  {f:<10} {name}: {g}  truth: {t}  ({'+' if (g or 0) > (t or 0) else ''}"
                  f"{(g or 0) - (t or 0)})")
    for sid in missing[:show]:
        t = truth[sid]
        print(f"    {sid[:8]}  missing from {name} (truth: {t['calls']} calls, file {t['file']})")
    return wrong, missing


def daily(truth_path, daily_path):
    """ccusage daily (run with TZ=UTC) against truth.json's per-UTC-day totals (a call's day = its first line)."""
    truth = {d["date"]: d for d in json.load(open(truth_path))["days"]}
    got = {}
    for r in json.load(open(daily_path)).get("daily", []):
        day = r.get("period") or r.get("date")
        got[day] = {"input": r["inputTokens"], "output": r["outputTokens"], "cacheWrite": r["cacheCreationTokens"],
                    "cacheRead": r["cacheReadTokens"]}
    check("ccusage daily", truth, got, FIELDS, show=2, unit="UTC days")


def main(argv):
    truth = load_truth(argv[1])
    check("llm-session", truth, ours(argv[2]), ("calls",) + FIELDS + ("contextNow",))
    if len(argv) > 3 and argv[3]:
        then_truth = load_truth(argv[5]) if len(argv) > 5 else truth
        check("ccusage", then_truth, ccusage(argv[3]), FIELDS)
        if len(argv) > 4:
            check("llm-session (same moment as ccusage)", then_truth, ours(argv[4]),
                  ("calls",) + FIELDS + ("contextNow",))
        if len(argv) > 6 and argv[6]:
            daily(argv[5], argv[6])


if __name__ == "__main__":
    main(sys.argv)
