#!/usr/bin/env python3
"""Sums the weights of `jfr print --json --events jdk.ObjectAllocationSample` by allocation site (the top frames)."""
import collections, json, sys

events = json.load(open(sys.argv[1]))['recording']['events']
depth = int(sys.argv[2]) if len(sys.argv) > 2 else 3
sites = collections.Counter()
total = 0
for e in events:
    v = e['values']
    total += v['weight']
    frames = v['stackTrace']['frames'] if v.get('stackTrace') else []
    sites[' < '.join(f"{f['method']['type']['name'].split('/')[-1]}.{f['method']['name']}" for f in frames[:depth])] += v['weight']
print(f'total {total / 1e6:.0f} MB')
for site, weight in sites.most_common(30):
    print(f'{weight / 1e6:8.1f} MB  {site}')
