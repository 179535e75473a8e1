-- V1: the per-file transcript index and the de-duplicated usage rows each file holds.
CREATE TABLE indexed_file (
    adapter   TEXT    NOT NULL,
    path      TEXT    NOT NULL,
    file_key  TEXT    NOT NULL,
    size      INTEGER NOT NULL,
    mtime     INTEGER NOT NULL,
    "offset"  INTEGER NOT NULL,
    state     BLOB    NOT NULL,
    PRIMARY KEY (adapter, path)
);

CREATE TABLE usage (
    adapter     TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    session_id  TEXT    NOT NULL,
    call_key    TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    model       TEXT    NOT NULL,
    input       INTEGER NOT NULL,
    output      INTEGER NOT NULL,
    cache_write INTEGER NOT NULL,
    cache_read  INTEGER NOT NULL,
    cost_usd    REAL,
    sidechain   INTEGER NOT NULL,
    PRIMARY KEY (adapter, path, call_key)
);

CREATE INDEX usage_by_time ON usage (at);
CREATE INDEX usage_by_session ON usage (session_id);
