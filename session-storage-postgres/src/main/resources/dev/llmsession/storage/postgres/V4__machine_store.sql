-- V4: a machine's own store (the local roles: transcript index, usage rows, session history and samples,
-- imported context packs, file token counts) on PostgreSQL. Every key starts with the machine, so many machines
-- share these tables without sharing a row. Unlike the team tables, each machine's rows are private to it:
-- a writer reads and writes only rows whose machine is its own login, a viewer has no access at all (these rows
-- hold what never leaves a machine through the team sync: paths, titles, parser state, context packs).
-- Times are epoch milliseconds as the local store keeps them; nothing here is meant for dashboards.
CREATE TABLE machine_indexed_file (
    machine  text   NOT NULL,
    adapter  text   NOT NULL,
    path     text   NOT NULL,
    file_key text   NOT NULL,
    size     bigint NOT NULL,
    mtime    bigint NOT NULL,
    "offset" bigint NOT NULL,
    state    bytea  NOT NULL,
    PRIMARY KEY (machine, adapter, path)
);

CREATE TABLE machine_usage (
    machine     text             NOT NULL,
    adapter     text             NOT NULL,
    path        text             NOT NULL,
    session_id  text             NOT NULL,
    call_key    text             NOT NULL,
    at          bigint           NOT NULL,
    model       text             NOT NULL,
    input       bigint           NOT NULL,
    output      bigint           NOT NULL,
    cache_write bigint           NOT NULL,
    cache_read  bigint           NOT NULL,
    cost_usd    double precision,
    sidechain   boolean          NOT NULL,
    PRIMARY KEY (machine, adapter, path, call_key)
);
CREATE INDEX machine_usage_by_time ON machine_usage (machine, at);

CREATE TABLE machine_session (
    machine           text             NOT NULL,
    id                text             NOT NULL,
    assistant         text             NOT NULL,
    native_id         text             NOT NULL,
    cwd               text,
    project           text,
    git_branch        text,
    title             text,
    model             text,
    started_at        bigint           NOT NULL,
    last_activity_at  bigint           NOT NULL,
    state             text             NOT NULL,
    state_evidence    text             NOT NULL,
    input             bigint           NOT NULL,
    output            bigint           NOT NULL,
    cache_write       bigint           NOT NULL,
    cache_read        bigint           NOT NULL,
    api_calls         bigint           NOT NULL,
    sub_input         bigint           NOT NULL,
    sub_output        bigint           NOT NULL,
    sub_cache_write   bigint           NOT NULL,
    sub_cache_read    bigint           NOT NULL,
    sub_api_calls     bigint           NOT NULL,
    token_source      text             NOT NULL,
    context_tokens    bigint,
    context_window    bigint           NOT NULL,
    window_assumed    boolean          NOT NULL,
    auto_compact_at   bigint,
    context_source    text             NOT NULL,
    cost_usd          double precision,
    unpriced_models   text[]           NOT NULL,
    price_table_date  text             NOT NULL,
    errors_api        integer          NOT NULL,
    errors_tool       integer          NOT NULL,
    errors_interrupts integer          NOT NULL,
    error_times       bigint[]         NOT NULL,
    malformed_lines   bigint           NOT NULL,
    lines_without_key bigint           NOT NULL,
    partial_tail      bigint           NOT NULL,
    unreadable_files  integer          NOT NULL,
    invalid_counts    bigint           NOT NULL,
    sources           text[]           NOT NULL,
    health_score      integer,
    health_level      text             NOT NULL,
    updated_at        bigint           NOT NULL,
    PRIMARY KEY (machine, id)
);
CREATE INDEX machine_session_by_activity ON machine_session (machine, last_activity_at);

CREATE TABLE machine_sample (
    machine        text   NOT NULL,
    session_id     text   NOT NULL,
    at             bigint NOT NULL,
    context_tokens bigint,
    total_tokens   bigint,
    health_score   integer,
    PRIMARY KEY (machine, session_id, at)
);

CREATE TABLE machine_context (
    machine     text   NOT NULL,
    sha256      text   NOT NULL,
    source_id   text   NOT NULL,
    assistant   text   NOT NULL,
    cwd         text,
    exported_at bigint NOT NULL,
    imported_at bigint NOT NULL,
    file        text   NOT NULL,
    pack        text   NOT NULL,
    PRIMARY KEY (machine, sha256)
);

CREATE TABLE machine_token_file (
    machine    text    NOT NULL,
    tokenizer  text    NOT NULL,
    path       text    NOT NULL,
    size       bigint  NOT NULL,
    mtime_ns   bigint  NOT NULL,
    characters bigint  NOT NULL,
    tokens     bigint  NOT NULL,
    is_binary  boolean NOT NULL,
    PRIMARY KEY (machine, tokenizer, path)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['machine_indexed_file', 'machine_usage', 'machine_session', 'machine_sample',
            'machine_context', 'machine_token_file'] LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO llm_session_writer', t);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I FOR ALL TO llm_session_writer '
                || 'USING (machine = current_user) WITH CHECK (machine = current_user)', t || '_own', t);
    END LOOP;
END
$$;
