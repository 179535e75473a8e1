-- V5: the token estimator's file cache. One row per tokenizer and file version counted; a row is valid while
-- the file still has this size and modification time (the estimator checks, the table only remembers).
-- V3 and V4 belong to other features; Migrations applies whatever it lists, in order.
CREATE TABLE token_file (
    tokenizer   TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    characters  INTEGER NOT NULL,
    tokens      INTEGER NOT NULL,
    binary      INTEGER NOT NULL,
    PRIMARY KEY (tokenizer, path)
);
