#!/usr/bin/env python3
"""How busy a command keeps the machine's cores (issue 14: "at least 60 % of the time both cores busy").

    bench/cores.py PID [INTERVAL_SECONDS] [TIMELINE_FILE]

Samples the process PID and all its descendants every INTERVAL (default 0.5 s) until PID exits, then prints one line:
  - cores used: the share of intervals in which the processes' CPU time (user + sys, from /proc/<pid>/stat) grew by at
    least 1.5 interval lengths ("both cores busy"), by 0.5-1.5 ("one core") and by less ("idle"), over all intervals;
  - wants both: the share of samples in which at least two of their threads were runnable (state R in
    /proc/<pid>/task/*/stat) - what the program asked for, whatever else the machine was running meanwhile;
  - the machine's own busy share over the run (/proc/stat, all processes), so a figure taken under load shows it.
TIMELINE_FILE, when given, gets one row per interval: seconds since start, cores used, runnable threads.
"""
import os
import sys
import time

HZ = os.sysconf('SC_CLK_TCK')


def descendants(pid):
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f'/proc/{p}/task'):
                with open(f'/proc/{p}/task/{task}/children') as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return found


def stat_fields(path):
    with open(path) as f:
        text = f.read()
    return text[text.rindex(')') + 2:].split()  # fields from the state on (the name may hold spaces and parentheses)


def sample(pid):
    ticks, runnable = 0, 0
    for p in descendants(pid):
        try:
            fields = stat_fields(f'/proc/{p}/stat')
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
            for task in os.listdir(f'/proc/{p}/task'):
                try:
                    if stat_fields(f'/proc/{p}/task/{task}/stat')[0] == 'R':
                        runnable += 1
                except OSError:
                    pass
        except (OSError, ValueError):
            pass
    return ticks, runnable


def machine():
    with open('/proc/stat') as f:
        cpu = [int(v) for v in f.readline().split()[1:]]
    idle = cpu[3] + cpu[4]
    return sum(cpu[:8]) - idle, sum(cpu[:8])


def main():
    pid = int(sys.argv[1])
    interval = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    timeline = open(sys.argv[3], 'w') if len(sys.argv) > 3 else None
    start = time.monotonic()
    busy0, all0 = machine()
    last_ticks, _ = sample(pid)
    last = start
    both = one = idle = wants = samples = 0
    while os.path.exists(f'/proc/{pid}'):
        time.sleep(interval)
        ticks, runnable = sample(pid)
        now = time.monotonic()
        if not os.path.exists(f'/proc/{pid}') or ticks == 0:
            break  # the command ended during the interval: its last, partial interval is not counted
        cores = max(0, ticks - last_ticks) / HZ / (now - last)
        last_ticks, last = ticks, now
        samples += 1
        wants += runnable >= 2
        if cores >= 1.5:
            both += 1
        elif cores >= 0.5:
            one += 1
        else:
            idle += 1
        if timeline:
            timeline.write(f'{now - start:7.2f} {cores:5.2f} {runnable}\n')
    busy1, all1 = machine()
    n = max(samples, 1)
    print(f'cores used: both {100 * both / n:3.0f} %, one {100 * one / n:3.0f} %, idle {100 * idle / n:3.0f} % '
          f'of {samples} x {interval:g} s; wants both (2+ threads runnable) {100 * wants / n:3.0f} %; '
          f'machine busy {100 * (busy1 - busy0) / max(all1 - all0, 1):3.0f} %')


if __name__ == '__main__':
    main()
