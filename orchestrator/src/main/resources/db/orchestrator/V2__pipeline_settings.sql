-- Whether a pipeline's schedule is paused; a pipeline without a row uses its file's `paused:` value.
CREATE TABLE IF NOT EXISTS platform.pipeline_settings (
    pipeline    text        PRIMARY KEY,
    paused      boolean     NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
