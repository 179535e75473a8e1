-- V6: usage rows name their file and their session by integer ids instead of repeating (adapter, path) and the
-- session id in every row and in the indexes over them: on a first index of 1 GB of transcripts those repeated
-- strings were most of the store's bytes.
-- The rows are a plain rowid table. One file's rows are replaced whole (deleted, then inserted de-duplicated by
-- call key by SqliteTranscriptIndex), so (file, call key) stays unique without an index that would repeat the key.
-- usage_by_time is gone: no query could use it (each time bound is written to allow no bound, which SQLite cannot
-- answer from an index).
CREATE TABLE usage_file (
    id      INTEGER PRIMARY KEY,
    adapter TEXT    NOT NULL,
    path    TEXT    NOT NULL,
    UNIQUE (adapter, path)
);

CREATE TABLE usage_session (
    id         INTEGER PRIMARY KEY,
    adapter    TEXT    NOT NULL,
    session_id TEXT    NOT NULL,
    UNIQUE (adapter, session_id)
);

INSERT INTO usage_file (adapter, path) SELECT DISTINCT adapter, path FROM usage ORDER BY adapter, path;

INSERT INTO usage_session (adapter, session_id)
    SELECT DISTINCT adapter, session_id FROM usage ORDER BY adapter, session_id;

CREATE TABLE usage_v6 (
    file_id     INTEGER NOT NULL,
    session     INTEGER NOT NULL,
    call_key    TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    model       TEXT    NOT NULL,
    input       INTEGER NOT NULL,
    output      INTEGER NOT NULL,
    cache_write INTEGER NOT NULL,
    cache_read  INTEGER NOT NULL,
    cost_usd    REAL,
    sidechain   INTEGER NOT NULL
);

INSERT INTO usage_v6 (file_id, session, call_key, at, model, input, output, cache_write, cache_read, cost_usd,
        sidechain)
    SELECT f.id, s.id, u.call_key, u.at, u.model, u.input, u.output, u.cache_write, u.cache_read, u.cost_usd,
           u.sidechain
    FROM usage u
    JOIN usage_file f ON f.adapter = u.adapter AND f.path = u.path
    JOIN usage_session s ON s.adapter = u.adapter AND s.session_id = u.session_id
    ORDER BY f.id, u.call_key;

DROP TABLE usage;

ALTER TABLE usage_v6 RENAME TO usage;

CREATE INDEX usage_by_file ON usage (file_id);
CREATE INDEX usage_by_session ON usage (session);
