-- The orchestrator's state: pipeline runs, their task instances and every attempt.
CREATE TABLE IF NOT EXISTS platform.pipeline_runs (
    run_id        bigserial PRIMARY KEY,
    pipeline      text        NOT NULL,
    run_key       text        NOT NULL,
    trigger       text        NOT NULL CHECK (trigger IN ('manual', 'schedule', 'backfill')),
    logical_date  timestamptz NOT NULL,
    state         text        NOT NULL CHECK (state IN ('queued', 'running', 'success', 'failed')),
    queued_at     timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    ended_at      timestamptz,
    UNIQUE (pipeline, run_key)
);
CREATE INDEX IF NOT EXISTS pipeline_runs_by_state ON platform.pipeline_runs (pipeline, state, run_id);

CREATE TABLE IF NOT EXISTS platform.task_instances (
    run_id          bigint      NOT NULL REFERENCES platform.pipeline_runs (run_id) ON DELETE CASCADE,
    task_id         text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('none', 'running', 'up_for_retry', 'success',
                                                          'failed', 'upstream_failed', 'skipped')),
    try_number      integer     NOT NULL DEFAULT 0,
    max_attempts    integer     NOT NULL,
    next_attempt_at timestamptz,
    started_at      timestamptz,
    ended_at        timestamptz,
    PRIMARY KEY (run_id, task_id)
);

CREATE TABLE IF NOT EXISTS platform.task_attempts (
    run_id      bigint      NOT NULL,
    task_id     text        NOT NULL,
    attempt     integer     NOT NULL,
    state       text        NOT NULL CHECK (state IN ('running', 'success', 'failed')),
    started_at  timestamptz NOT NULL DEFAULT now(),
    ended_at    timestamptz,
    exit_code   integer,
    executor    text        NOT NULL,
    log_path    text        NOT NULL,
    process_id  bigint,
    owner       text        NOT NULL,
    message     text        NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, task_id, attempt),
    FOREIGN KEY (run_id, task_id) REFERENCES platform.task_instances (run_id, task_id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS platform.orchestrator_instances (
    instance_id  text        PRIMARY KEY,
    process_id   bigint      NOT NULL,
    host         text        NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS platform.streaming_processes (
    name        text        PRIMARY KEY,
    process_id  bigint      NOT NULL,
    command     text        NOT NULL,
    log_path    text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now()
);
