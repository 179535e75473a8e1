#!/usr/bin/env bash
# Benchmark of `llm-session tokens` (issue 7): a generated 10,000-file tree, counted cold (empty store) and
# cached (a re-run over the unchanged tree), median of several runs, plus the proof that a cached re-run opens
# no counted file: the run's own JSON stats (files read vs answered from the cache) and, where strace exists,
# the kernel's list of files opened.
#
#   bench/tokens.sh [FILES]             FILES default 10000
#
# Environment knobs:
#   BENCH_DIR   where the tree and the stores go (default /tmp/llm-session-bench/tokens; outside the repo)
#   REPS        runs of each kind (default 5)          BPE_REPS  runs with --tokenizer o200k (default 3)
#   JAVA_OPTS   JVM options (default: the launcher's)
#   PART        all (default) | speed (the 10,000-file runs only) | accuracy (chars/4 against BPE only)
#
# Prints a table; appends raw numbers to bench/out/tokens.tsv (gitignored). Also measures how far chars/4 is
# from o200k and cl100k on this repository's own tree (docs/tokens.md).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${1:-10000}"
bench_dir="${BENCH_DIR:-/tmp/llm-session-bench/tokens}"
reps="${REPS:-5}"
bpe_reps="${BPE_REPS:-3}"
part="${PART:-all}"
java_opts="${JAVA_OPTS-$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$here/llm-session")}"
tree="$bench_dir/tree-$files"
out_dir="$here/bench/out"
run_id="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$bench_dir" "$out_dir"
log() { printf '%s\n' "$*" >&2; }

log "building the CLI (./llm-session --version)..."
"$here/llm-session" --version >/dev/null
jar="$here/session-cli/target/llm-session.jar"
# An empty home: no assistant data is discovered, nothing of the developer's is read.
home="$bench_dir/home"
mkdir -p "$home"
# The launcher's class-data-sharing archive, as bench/run.sh uses it: the figures are those ./llm-session gives.
cds="${jar%.jar}.jsa"
cds_opts=()
if [ -f "$cds" ]; then cds_opts=(-XX:SharedArchiveFile="$cds" -Xlog:cds=off -Xlog:cds+dynamic=off); fi
# shellcheck disable=SC2206
cli=(env HOME="$home" XDG_CONFIG_HOME="$home/.config" java "${cds_opts[@]}" $java_opts -jar "$jar")

speed() {
# ---------------------------------------------------------------- the tree
if [ ! -f "$tree.complete" ]; then
  log "generating $files files under $tree..."
  rm -rf "$tree"
  python3 - "$tree" "$files" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(7)
words = ("public static final class void return import package session token cache store file path "
         "the of and to in is for with this that from by on at as it an be or if else while new").split()
os.makedirs(root)
# A repository with ignore rules: build output and logs are generated too, and must not be counted.
os.makedirs(os.path.join(root, ".git"))
open(os.path.join(root, ".gitignore"), "w").write("# generated\n/build/\n*.log\n!keep.log\n")
per_dir = 100
for i in range(n):
    d = os.path.join(root, "src", f"m{i // (per_dir * 10):02d}", f"p{(i // per_dir) % 10:02d}")
    os.makedirs(d, exist_ok=True)
    if i % 100 == 99:  # 1 % binaries
        open(os.path.join(d, f"blob{i}.bin"), "wb").write(bytes(rnd.randrange(256) for _ in range(4096)) + b"\0")
        continue
    lines = []
    for _ in range(rnd.randrange(10, 200)):  # 10..200 lines, about 60 characters each: 0.6..12 KB
        lines.append("    " + " ".join(rnd.choice(words) for _ in range(rnd.randrange(4, 14))) + ";")
    ext = (".java", ".md", ".txt", ".py")[i % 4]
    open(os.path.join(d, f"f{i}{ext}"), "w").write("\n".join(lines) + "\n")
os.makedirs(os.path.join(root, "build"))
for i in range(500):
    open(os.path.join(root, "build", f"out{i}.class"), "w").write("ignored " * 50)
for i in range(100):
    open(os.path.join(root, "src", f"run{i}.log"), "w").write("ignored " * 50)
PY
  touch "$tree.complete"
fi
counted=$(find "$tree/src" -type f ! -name '*.log' | wc -l)
tree_bytes=$(du -sb "$tree/src" | cut -f1)
log "tree: $counted files under src/ ($tree_bytes bytes), plus 600 ignored"

# ---------------------------------------------------------------- runs
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.0f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# run DATA_DIR [ARGS...]: one timed `tokens --json` run; prints "wall_ms cpu_ms rss_kb read cached tokens files".
# CPU time (user + sys) is printed beside wall time: on a shared, loaded machine it moves far less.
run() {
  local data="$1"; shift
  local t0 t1 json="$bench_dir/last.json" res="$bench_dir/last.time"
  t0=$(now_ms)
  /usr/bin/time -o "$res" -f '%U %S %M' "${cli[@]}" --data-dir "$data" tokens --json "$@" "$tree" >"$json"
  t1=$(now_ms)
  python3 -c 'import json,sys; d=json.load(open(sys.argv[2])); s=d["stats"]; u,k,m=open(sys.argv[3]).read().split()[-3:]; print(sys.argv[1], round((float(u)+float(k))*1000), m, s["read"], s["cached"], d["total"]["tokens"], d["total"]["files"])' \
    "$((t1 - t0))" "$json" "$res"
}

declare -A med
measure() { # measure NAME REPS COLD(0|1) [ARGS...]
  local name="$1" n="$2" cold="$3"; shift 3
  local data="$bench_dir/data-$name" walls=() cpus=() rsss=() line
  rm -rf "$data"
  [ "$cold" = 0 ] && run "$data" "$@" >/dev/null  # prime the cache once
  for ((i = 1; i <= n; i++)); do
    [ "$cold" = 1 ] && rm -rf "$data"
    line=$(run "$data" "$@")
    read -r ms cpu rss read cached tokens nfiles <<<"$line"
    walls+=("$ms"); cpus+=("$cpu"); rsss+=("$rss")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run_id" "$name" "$i" "$ms" "$cpu" "$rss" "$read" "$cached" \
      "$tokens" "$nfiles" >>"$out_dir/tokens.tsv"
    log "  $name #$i: ${ms} ms wall, ${cpu} ms CPU, ${rss} KB RSS, read $read, cached $cached, $tokens tokens in $nfiles files"
  done
  med[$name]=$(printf '%s\n' "${walls[@]}" | median)
  med[$name.cpu]=$(printf '%s\n' "${cpus[@]}" | median)
  med[$name.rss]=$(printf '%s\n' "${rsss[@]}" | median)
  med[$name.read]=$read
  med[$name.cached]=$cached
}

log "chars/4, cold (fresh store each run) and cached (re-run over the unchanged tree)..."
measure cold "$reps" 1
measure cached "$reps" 0
log "o200k..."
measure o200k-cold "$bpe_reps" 1 --tokenizer o200k
measure o200k-cached "$bpe_reps" 0 --tokenizer o200k

# ---------------------------------------------------------------- the proof, from the kernel
opened_cold="-" opened_cached="-"
if command -v strace >/dev/null 2>&1; then
  log "strace: files under the tree opened for reading (directories excluded)..."
  count_opens() { # DATA_DIR -> regular files under src/ opened (a directory opened to be listed is not counted)
    local trace="$bench_dir/strace.txt"
    strace -f -qq -e trace=openat -o "$trace" "${cli[@]}" --data-dir "$1" tokens --json "$tree" >/dev/null
    python3 - "$trace" "$tree/src/" <<'PY'
import os, re, sys
opened = set()
for line in open(sys.argv[1], errors="replace"):
    # Any attempt counts, finished or not: with -f, a call another thread interrupts is split into an
    # "<unfinished ...>" line that holds the path and a "resumed>" line that holds the result.
    m = re.search(r'openat\([^,]+, "([^"]+)"', line)
    if m and m.group(1).startswith(sys.argv[2]) and os.path.isfile(m.group(1)):
        opened.add(m.group(1))
print(len(opened))
PY
  }
  rm -rf "$bench_dir/data-strace"
  opened_cold=$(count_opens "$bench_dir/data-strace")
  opened_cached=$(count_opens "$bench_dir/data-strace")
fi

# ---------------------------------------------------------------- table
printf '\n%s: %s counted files (%s bytes) + 600 ignored, %s runs (BPE %s), median wall time incl. JVM start\n' \
  "$run_id" "$counted" "$tree_bytes" "$reps" "$bpe_reps"
printf '%-16s %14s %13s %15s %8s %8s\n' "run" "wall ms (med)" "CPU ms (med)" "peak RSS (MiB)" "read" "cached"
for k in cold cached o200k-cold o200k-cached; do
  printf '%-16s %14s %13s %15s %8s %8s\n' "$k" "${med[$k]}" "${med[$k.cpu]}" "$((${med[$k.rss]} / 1024))" \
    "${med[$k.read]}" "${med[$k.cached]}"
done
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'strace: files under src/ opened: cold %s, cached re-run %s\n' "$opened_cold" "$opened_cached"

}

# ---------------------------------------------------------------- chars/4 against BPE on this repository
accuracy() {
log "chars/4 against o200k and cl100k on this repository's tree..."
acc="$bench_dir/accuracy"
mkdir -p "$acc"
for t in chars o200k cl100k; do
  args=(); [ "$t" != chars ] && args=(--tokenizer "$t")
  "${cli[@]}" --data-dir "$bench_dir/data-accuracy" tokens --json "${args[@]}" "$here" >"$acc/$t.json"
done
python3 - "$acc" "$here" <<'PY'
import json, os, sys
acc, repo = sys.argv[1], sys.argv[2]
runs = {t: {f["path"]: f["tokens"] for f in json.load(open(os.path.join(acc, t + ".json")))["files"]} for t in ("chars", "o200k", "cl100k")}
def kind(p):
    if "/src/test/resources/" in p or p.endswith(".jsonl"):
        return "test fixtures (JSONL transcripts)"
    ext = os.path.splitext(p)[1] or "(none)"
    return {".java": "Java", ".md": "Markdown", ".xml": "POM / XML", ".sh": "shell", ".py": "Python"}.get(ext, "other")
groups = {}
for p, c in runs["chars"].items():
    g = groups.setdefault(kind(p), [0, 0, 0, 0])
    g[0] += 1; g[1] += c; g[2] += runs["o200k"].get(p, 0); g[3] += runs["cl100k"].get(p, 0)
tot = [sum(g[i] for g in groups.values()) for i in range(4)]
print(f"\n{'files':<36}{'n':>6}{'chars/4':>11}{'o200k':>11}{'cl100k':>11}{'c/4 vs o200k':>14}{'c/4 vs cl100k':>15}")
for name, g in sorted(groups.items(), key=lambda kv: -kv[1][1]) + [("all", tot)]:
    print(f"{name:<36}{g[0]:>6}{g[1]:>11,}{g[2]:>11,}{g[3]:>11,}{(g[1] / g[2] - 1) * 100:>+13.1f}%{(g[1] / g[3] - 1) * 100:>+14.1f}%")
errs = sorted(abs(c / runs["o200k"][p] - 1) * 100 for p, c in runs["chars"].items() if runs["o200k"].get(p, 0) >= 50)
if errs:
    print(f"per file (>= 50 o200k tokens, {len(errs)} files): |chars/4 - o200k| / o200k median {errs[len(errs) // 2]:.1f}%, "
          f"90th percentile {errs[int(len(errs) * 0.9)]:.1f}%, max {errs[-1]:.1f}%")
PY
}

case "$part" in
  speed) speed ;;
  accuracy) accuracy ;;
  *) speed; accuracy ;;
esac
