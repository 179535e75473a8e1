-- V3: context packs recorded by import-context, linked to the session they were exported from.
CREATE TABLE imported_context (
    sha256       TEXT    NOT NULL PRIMARY KEY,
    source_id    TEXT    NOT NULL,
    assistant    TEXT    NOT NULL,
    cwd          TEXT,
    exported_at  INTEGER NOT NULL,
    imported_at  INTEGER NOT NULL,
    file         TEXT    NOT NULL,
    pack         TEXT    NOT NULL
);

CREATE INDEX imported_context_by_source ON imported_context (source_id, imported_at);
