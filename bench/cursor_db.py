#!/usr/bin/env python3
"""Generates a large synthetic Cursor user data dir for the Cursor benchmark (never committed; write it under /tmp).

  cursor_db.py HOME [--composers N] [--bubbles M] [--bubble-bytes B] [--recent R]

Writes HOME/.config/Cursor/User/globalStorage/state.vscdb in WAL mode with the current layout: N composerData
values (R of them updated in the last hour, the rest spread over the last 90 days), M bubbleId values per composer
of about B bytes each ({0,0} token counts, as current builds write them), a Cursor 3 composer.composerHeaders
catalogue, and one workspaceStorage folder per 50 composers. Prints the DB size."""
import argparse
import json
import os
import random
import sqlite3
import time

p = argparse.ArgumentParser()
p.add_argument("home")
p.add_argument("--composers", type=int, default=3000)
p.add_argument("--bubbles", type=int, default=50)
p.add_argument("--bubble-bytes", type=int, default=10_000)
p.add_argument("--recent", type=int, default=10)
a = p.parse_args()

rnd = random.Random(42)
user = os.path.join(a.home, ".config/Cursor/User")
gs = os.path.join(user, "globalStorage")
os.makedirs(gs, exist_ok=True)
db_path = os.path.join(gs, "state.vscdb")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db_path + suffix):
        os.remove(db_path + suffix)
db = sqlite3.connect(db_path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=OFF")
db.execute("CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)")
db.execute("CREATE TABLE cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)")
now = int(time.time() * 1000)
words = "the build retry checkout api handler test flaky fix login cache index query parser value".split()
filler = " ".join(rnd.choice(words) for _ in range(a.bubble_bytes // 5))[: a.bubble_bytes]
headers = []
for c in range(a.composers):
    cid = "%08x-bench-%06d" % (rnd.getrandbits(32), c)
    last = now - rnd.randint(60_000, 3_000_000) if c < a.recent else now - rnd.randint(3_600_000, 90 * 86_400_000)
    folder = "/home/bench/project-%03d" % (c // 50)
    bubble_ids = ["b%05d" % i for i in range(a.bubbles)]
    comp = {"_v": 13, "composerId": cid, "name": "conversation %d" % c, "createdAt": last - 3_600_000,
            "lastUpdatedAt": last, "status": "completed", "unifiedMode": "agent",
            "modelConfig": {"modelName": "claude-4.5-sonnet"}, "blobEncryptionKey": "x" * 44,
            "fullConversationHeadersOnly": [{"bubbleId": b, "type": 1 if i % 4 == 0 else 2}
                                            for i, b in enumerate(bubble_ids)],
            "conversationMap": {}, "richText": filler[:2000],
            "workspaceIdentifier": {"id": "w%03d" % (c // 50), "uri": {"fsPath": folder, "scheme": "file"}}}
    db.execute("INSERT INTO cursorDiskKV VALUES (?, ?)", ("composerData:" + cid, json.dumps(comp).encode()))
    rows = []
    for i, b in enumerate(bubble_ids):
        bub = {"_v": 3, "type": 1 if i % 4 == 0 else 2, "bubbleId": b, "text": filler,
               "tokenCount": {"inputTokens": 0, "outputTokens": 0},
               "createdAt": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime((last - (a.bubbles - i) * 1000) / 1000))}
        rows.append(("bubbleId:%s:%s" % (cid, b), json.dumps(bub).encode()))
    db.executemany("INSERT INTO cursorDiskKV VALUES (?, ?)", rows)
    headers.append({"composerId": cid, "name": comp["name"], "createdAt": comp["createdAt"], "lastUpdatedAt": last,
                    "workspaceIdentifier": comp["workspaceIdentifier"], "isSubagent": False})
    if c % 200 == 199:
        db.commit()
db.execute("INSERT INTO ItemTable VALUES (?, ?)",
           ("composer.composerHeaders", json.dumps({"allComposers": headers}).encode()))
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
for w in range(0, a.composers, 50):
    d = os.path.join(user, "workspaceStorage", "ws%03d" % (w // 50))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "workspace.json"), "w") as f:
        json.dump({"folder": "file:///home/bench/project-%03d" % (w // 50)}, f)
print("%s %d bytes" % (db_path, os.path.getsize(db_path)))
