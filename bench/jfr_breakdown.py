#!/usr/bin/env python3
"""Groups the samples of `jfr print` output into cost categories (leaf-most match wins).

usage: jfr_breakdown.py PRINTED [EVENT]   EVENT: jdk.ExecutionSample (default; threads running Java code) or
jdk.NativeMethodSample (threads in native code: SQLite's steps, file reads — and threads waiting there too).
"""
import sys,re,collections
txt=open(sys.argv[1]).read()
events=txt.split(sys.argv[2] if len(sys.argv) > 2 else 'jdk.ExecutionSample')[1:]
cats=[('file reads (native pread/read)',('FileDispatcherImpl.pread0','FileDispatcherImpl.read0','RandomAccessFile.readBytes')),
      ('JSON parsing (ByteCursor, Jackson, LineParser)',('ByteCursor','com.fasterxml.jackson','LineParser','JsonStringPeek')),
      ('newline scan / buffer copy (LineScanner, TranscriptReader)',('LineScanner','TranscriptReader')),
      ('store (SQLite, JDBI)',('org.sqlite','org.jdbi')),
      ('de-dup maps, summary building (HashMap, SummaryBuilder)',('SummaryBuilder','HashMap','SessionAssembler','TranscriptCache')),
      ('process / host probe (OSHI, JNA)',('oshi','jna','ProcessHandle')),
      ('JSON output / rendering',('render','Json','Writer')),
      ('class loading / JVM start',('ClassLoader','java.lang.invoke','Class.forName','picocli','guice','inject'))]
c=collections.Counter(); n=0
for e in events:
    frames=re.findall(r'^\s+([\w.$<>]+)\(', e, re.M)
    if not frames: continue
    n+=1
    top=frames[0]
    # leaf-most category wins: the first frame (from the top) that matches any category
    hit=None
    for f in frames:
        for name,keys in cats:
            if any(k in f for k in keys): hit=name; break
        if hit: break
    c[hit or 'other: '+frames[0]]+=1
for k,v in c.most_common(14): print(f'{100*v/n:5.1f}%  {k}')
print('samples',n)
