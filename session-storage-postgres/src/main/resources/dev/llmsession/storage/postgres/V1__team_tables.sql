-- V1: what machines push. Every key starts with the machine, so two machines never share a row and a push
-- replaces only its own rows. Times are timestamptz (Grafana reads them as they are); figures are bigint.
CREATE TABLE team_session (
    machine           text        NOT NULL,
    login_user        text        NOT NULL,
    id                text        NOT NULL,
    assistant         text        NOT NULL,
    native_id         text        NOT NULL,
    project           text,
    git_branch        text,
    model             text,
    state             text        NOT NULL,
    started_at        timestamptz NOT NULL,
    last_activity_at  timestamptz NOT NULL,
    input             bigint      NOT NULL,
    output            bigint      NOT NULL,
    cache_write       bigint      NOT NULL,
    cache_read        bigint      NOT NULL,
    api_calls         bigint      NOT NULL,
    sub_input         bigint      NOT NULL,
    sub_output        bigint      NOT NULL,
    sub_cache_write   bigint      NOT NULL,
    sub_cache_read    bigint      NOT NULL,
    sub_api_calls     bigint      NOT NULL,
    token_source      text        NOT NULL,
    context_tokens    bigint,
    context_window    bigint      NOT NULL,
    window_assumed    boolean     NOT NULL,
    auto_compact_at   bigint,
    context_source    text        NOT NULL,
    cost_usd          double precision,
    unpriced_models   text[]      NOT NULL,
    price_table_date  text        NOT NULL,
    errors_api        integer     NOT NULL,
    errors_tool       integer     NOT NULL,
    errors_interrupts integer     NOT NULL,
    error_times       timestamptz[] NOT NULL,
    health_score      integer,
    health_level      text        NOT NULL,
    recorded_at       timestamptz NOT NULL,
    PRIMARY KEY (machine, id)
);
CREATE INDEX team_session_by_activity ON team_session (last_activity_at);

CREATE TABLE team_sample (
    machine        text        NOT NULL,
    session_id     text        NOT NULL,
    at             timestamptz NOT NULL,
    context_tokens bigint,
    total_tokens   bigint,
    health_score   integer,
    PRIMARY KEY (machine, session_id, at)
);

-- One row per machine, session, model and 15-minute UTC slot: the local store's de-duplicated calls, summed.
CREATE TABLE team_usage (
    machine         text             NOT NULL,
    login_user      text             NOT NULL,
    assistant       text             NOT NULL,
    session_id      text             NOT NULL,
    project         text             NOT NULL,
    model           text             NOT NULL,
    slot            timestamptz      NOT NULL,
    on_hour         boolean          NOT NULL,
    first_at        timestamptz      NOT NULL,
    last_at         timestamptz      NOT NULL,
    calls           bigint           NOT NULL,
    input           bigint           NOT NULL,
    output          bigint           NOT NULL,
    cache_write     bigint           NOT NULL,
    cache_read      bigint           NOT NULL,
    priced_cost_usd double precision NOT NULL,
    unpriced_calls  bigint           NOT NULL,
    pushed_at       timestamptz      NOT NULL,
    PRIMARY KEY (machine, assistant, session_id, model, slot, on_hour)
);
CREATE INDEX team_usage_by_slot ON team_usage (slot);
