-- Rows of processed rides files that PostgreSQL cannot store or that break the ride contract (a
-- ride_id with NUL or too long for the key index): set aside with the reason, so that one row never
-- blocks the load of all the others. The ride_id is kept escaped and cut (it may hold NUL).

CREATE TABLE ${platform}.quarantined_rides (
    bucket          text        NOT NULL,
    object_key      text        NOT NULL,
    row_number      bigint      NOT NULL,
    reason          text        NOT NULL,
    ride_id_preview text        NOT NULL,
    ride_id_length  integer     NOT NULL,
    quarantined_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bucket, object_key, row_number)
);
