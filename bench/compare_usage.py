#!/usr/bin/env python3
"""Prints the side-by-side of bench/compare-ccusage.sh: per UTC day and per session the totals of the generator's
truth, of `llm-session usage` and of ccusage, the differences, the cost difference, and both tools' timings.

  compare_usage.py TRUTH_JSON OUT_DIR CCUSAGE_VERSION"""
import json
import os
import sys

FIELDS = (("input", "inputTokens"), ("output", "outputTokens"), ("cacheWrite", "cacheCreationTokens"),
          ("cacheRead", "cacheReadTokens"))


def rows(path, array):
    d = json.load(open(path))
    return {r["period"]: r for r in d.get(array) or []}


def tokens(r):
    return None if r is None else tuple(r[f] for _, f in FIELDS)


def truth_tokens(t):
    return tuple(t[f] for f, _ in FIELDS)


def fmt(v):
    return "-" if v is None else f"{v:,}"


def diff(a, b):
    if a is None or b is None:
        return "missing"
    d = [x - y for x, y in zip(a, b)]
    return "=" if not any(d) else " ".join(f"{n}{x:+,}" for (n, _), x in zip(FIELDS, d) if x)


def table(title, keyname, truth, ours, cc, show):
    print(f"\n{title}: {len(truth)} in truth.json")
    exact_ours = sum(1 for k, t in truth.items() if tokens(ours.get(k)) == truth_tokens(t))
    exact_cc = sum(1 for k, t in truth.items() if tokens(cc.get(k)) == truth_tokens(t))
    print(f"  exactly the truth (all four token classes): ours {exact_ours}/{len(truth)}, ccusage {exact_cc}/{len(truth)}")
    extra_ours = sorted(set(ours) - set(truth))
    extra_cc = sorted(set(cc) - set(truth))
    if extra_ours or extra_cc:
        print(f"  not in truth: ours {extra_ours[:5]}, ccusage {extra_cc[:5]}")
    print(f"  {keyname:<38} {'truth total':>15} {'ours total':>15} {'ccusage total':>15} {'ours $':>10} {'ccusage $':>10}"
          f"  ours-truth / ccusage-truth")
    shown = 0
    for k, t in truth.items():
        o, c = ours.get(k), cc.get(k)
        tt = truth_tokens(t)
        if show != "all" and tokens(o) == tt and tokens(c) == tt and shown >= 5:
            continue
        shown += 1
        print(f"  {k:<38} {sum(tt):>15,} {fmt(sum(tokens(o)) if o else None):>15} "
              f"{fmt(sum(tokens(c)) if c else None):>15} "
              f"{(o or {}).get('totalCost', 0):>10.2f} {(c or {}).get('totalCost', 0):>10.2f}  "
              f"{diff(tokens(o), tt)} / {diff(tokens(c), tt)}")
    tt = [sum(x) for x in zip(*[truth_tokens(t) for t in truth.values()])]
    to = [sum(x) for x in zip(*[tokens(r) for r in ours.values()])] if ours else [0] * 4
    tc = [sum(x) for x in zip(*[tokens(r) for r in cc.values()])] if cc else [0] * 4
    print(f"  {'sum':<38} {sum(tt):>15,} {sum(to):>15,} {sum(tc):>15,} "
          f"{sum(r['totalCost'] for r in ours.values()):>10.2f} {sum(r['totalCost'] for r in cc.values()):>10.2f}  "
          f"{diff(tuple(to), tuple(tt))} / {diff(tuple(tc), tuple(tt))}")


def timing(out, name):
    path = os.path.join(out, name + ".m")
    if not os.path.exists(path):
        return None
    runs = [tuple(map(float, line.split())) for line in open(path) if line.strip()]
    walls = sorted(r[0] for r in runs)
    n = len(walls)
    med = walls[n // 2] if n % 2 else (walls[n // 2 - 1] + walls[n // 2]) / 2
    return n, med, max(r[1] for r in runs) / 1024


def main():
    truth_path, out, version = sys.argv[1], sys.argv[2], sys.argv[3]
    truth = json.load(open(truth_path))
    days = {d["date"]: d for d in truth["days"] if d["calls"]}
    sessions = {s["id"]: s for s in truth["sessions"] if s["calls"]}
    print(f"corpus: {os.path.dirname(truth_path)}  ({truth['bytes']:,} bytes, {len(sessions)} sessions with calls, "
          f"{truth['totals']['calls']:,} calls)   ccusage {version}")
    table("per UTC day (usage daily --json vs ccusage daily --json --offline)", "day", days,
          rows(os.path.join(out, "ours_daily.json"), "daily"), rows(os.path.join(out, "cc_daily.json"), "daily"),
          "all" if len(days) <= 40 else "diff")
    table("per session (usage session --json vs ccusage session --json --offline)", "session", sessions,
          rows(os.path.join(out, "ours_session.json"), "session"),
          rows(os.path.join(out, "cc_session.json"), "session"), "diff")
    print("\ntimings (wall s median, peak RSS MiB; JVM start and the index refresh included in ours)")
    for name, label in (("ours_cold", "ours usage daily --json, cold (empty store)"),
                        ("ours_daily", "ours usage daily --json, warm"),
                        ("ours_daily_norefresh", "ours usage daily --json --no-refresh, warm"),
                        ("cc_daily", "ccusage daily --json --offline"),
                        ("ours_session", "ours usage session --json, warm"),
                        ("cc_session", "ccusage session --json --offline")):
        t = timing(out, name)
        if t:
            print(f"  {label:<46} runs {t[0]:>2}  {t[1]:>8.3f} s  {t[2]:>7.0f} MiB")
    od, cd, oc = timing(out, "ours_daily"), timing(out, "cc_daily"), timing(out, "ours_cold")
    if od and cd:
        print(f"  ratio ccusage daily / ours warm daily: {cd[1] / od[1]:.2f}   (target >= 10)")
    nr = timing(out, "ours_daily_norefresh")
    if nr and cd:
        print(f"  ratio ccusage daily / ours warm daily --no-refresh: {cd[1] / nr[1]:.2f}")
    if oc and cd:
        print(f"  ratio ccusage daily / ours cold daily: {cd[1] / oc[1]:.2f}   (target >= 1)")


if __name__ == "__main__":
    main()
