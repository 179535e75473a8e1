#!/usr/bin/env python3
"""Per-thread CPU samples over time from `jfr print --json --events jdk.ExecutionSample` output: one row per time
bucket, each thread's sample count and the frame of the project (dev.llmsession) nearest the leaf it was in most,
so the serial head and tail of a run (one thread busy, the other core idle) are visible.
  jfr print --json --events jdk.ExecutionSample run.jfr >s.json; bench/jfr_timeline.py s.json [BUCKET_SECONDS]"""
import sys, json, collections
from datetime import datetime
events = json.load(open(sys.argv[1]))['recording']['events']
bucket = float(sys.argv[2]) if len(sys.argv) > 2 else 0.25
def t(s): return datetime.fromisoformat(s[:26].rstrip('Z')).timestamp()
def where(frames):
    for f in frames:
        cls = f['method']['type']['name']
        if cls.startswith('dev/llmsession/'):
            return cls.rsplit('/', 1)[1] + '.' + f['method']['name']
    f = frames[0]['method'] if frames else None
    return (f['type']['name'].rsplit('/', 1)[1] + '.' + f['name']) if f else '?'
start = min(t(e['values']['startTime']) for e in events)
rows = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))
names = collections.Counter()
for e in events:
    v = e['values']; th = v['sampledThread']['javaName'] or v['sampledThread']['osName']
    th = th.replace('claude-', '')
    names[th] += 1
    rows[int((t(v['startTime']) - start) / bucket)][th][where(v['stackTrace']['frames'])] += 1
threads = [n for n, _ in names.most_common(5)]
print('t(s)   ' + ''.join(f'{n[:28]:<30}' for n in threads))
for b in sorted(rows):
    cells = []
    for n in threads:
        c = rows[b].get(n)
        cells.append(f'{sum(c.values()):3d} {c.most_common(1)[0][0][:25]:<26}' if c else ' ' * 30)
    print(f'{b * bucket:5.2f}  ' + ''.join(cells))
