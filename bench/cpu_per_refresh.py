#!/usr/bin/env python3
"""CPU per refresh of the monitor and its engine, to the nanosecond (bench/monitor.sh).

usage: cpu_per_refresh.py OUT_NDJSON SAMPLES_TSV FROM_EPOCH UNTIL_EPOCH PID [PID...]

Each time OUT_NDJSON (one line per refresh) grows after FROM_EPOCH, one row is appended to SAMPLES_TSV: the number
of lines, then per PID its CPU time so far in nanoseconds, until UNTIL_EPOCH or the first PID exits.

Why not utime + stime of /proc/PID/stat: they count in clock ticks (10 ms here), so a refresh of 45 ms reads as 40
or 50 for each of two processes, and a p90 over such deltas is off by up to 20 ms. The scheduler's own per-thread
count (/proc/PID/task/TID/schedstat, first field: nanoseconds on a CPU) is exact. A thread's time is added from the
first time it is seen (a thread that appears between two rows is counted whole), so threads that come and go do
not make a delta negative; only a thread that starts and ends between two rows is missed, which the closing line
on stderr makes visible: the nanosecond total against the tick total over the same span.
"""
import os
import sys
import time


def thread_ns(pid):
    """Nanoseconds on a CPU per live thread of pid ({} once the process is gone)."""
    times = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return times
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                times[tid] = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass  # the thread ended while we listed
    return times


def ticks_ns(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1_000_000_000 // os.sysconf("SC_CLK_TCK")


class Account:
    """A process's CPU so far: the sum of every thread's time, each thread counted from when first seen."""

    def __init__(self, pid):
        self.pid = pid
        self.last = thread_ns(pid)
        self.total = 0
        self.ticks_start = ticks_ns(pid)

    def sample(self):
        now = thread_ns(self.pid)
        for tid, ns in now.items():
            self.total += ns - self.last.get(tid, 0)
        self.last = now
        return self.total


def line_count(path):
    try:
        with open(path, "rb") as f:
            return f.read().count(b"\n")
    except OSError:
        return 0


def main():
    out, samples, start, until = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    pids = sys.argv[5:]
    while time.time() < start:
        time.sleep(0.05)
    accounts = [Account(p) for p in pids]
    base = [a.sample() for a in accounts]
    seen = 0
    with open(samples, "w") as rows:
        while time.time() < until and all(os.path.exists(f"/proc/{p}") for p in pids):
            n = line_count(out)
            if n > seen:
                cpu = [a.sample() - b for a, b in zip(accounts, base)]
                rows.write("\t".join([str(n)] + [str(c) for c in cpu]) + "\n")
                rows.flush()
                seen = n
            time.sleep(0.02)
    for a in accounts:
        try:
            ticks = (ticks_ns(a.pid) - a.ticks_start) / 1e6
            print(f"pid {a.pid}: {a.ticks_start / 1e6:.0f} ms of CPU before the span sampled; over it "
                  f"{a.sample() / 1e6:.0f} ms by the scheduler's thread times, {ticks:.0f} ms by clock ticks",
                  file=sys.stderr)
        except OSError:
            pass


if __name__ == "__main__":
    main()
