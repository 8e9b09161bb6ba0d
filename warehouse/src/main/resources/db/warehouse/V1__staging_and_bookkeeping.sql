-- The warehouse's staging layer (loaded from the batch job's processed files) and the loader's
-- bookkeeping. See docs/data-contracts.md, "Warehouse".

CREATE SCHEMA IF NOT EXISTS ${staging};

CREATE TABLE ${staging}.stg_rides (
    ride_id             text          PRIMARY KEY,
    event_ts            timestamptz   NOT NULL,
    event_date          date          NOT NULL,
    event_hour          smallint      NOT NULL,
    pickup_zone_id      integer       NOT NULL,
    pickup_zone_name    text          NOT NULL,
    pickup_borough      text          NOT NULL,
    dropoff_zone_id     integer       NOT NULL,
    dropoff_zone_name   text          NOT NULL,
    dropoff_borough     text          NOT NULL,
    passenger_count     smallint      NOT NULL,
    trip_distance_miles numeric(8,2)  NOT NULL,
    duration_minutes    numeric(8,2)  NOT NULL,
    payment_type        text          NOT NULL,
    rate_code           text          NOT NULL,
    fare_amount         numeric(10,2) NOT NULL,
    tip_amount          numeric(10,2) NOT NULL,
    tolls_amount        numeric(10,2) NOT NULL,
    total_amount        numeric(10,2) NOT NULL,
    fare_per_mile       numeric(10,2) NOT NULL,
    fare_per_minute     numeric(10,2) NOT NULL,
    tip_percentage      numeric(6,2)  NOT NULL,
    is_rush_hour        boolean       NOT NULL,
    is_weekend          boolean       NOT NULL,
    loaded_at           timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX stg_rides_event_date ON ${staging}.stg_rides (event_date);

CREATE TABLE ${staging}.zone_stats (
    pickup_zone_id         integer       PRIMARY KEY,
    pickup_zone_name       text          NOT NULL,
    pickup_borough         text          NOT NULL,
    ride_count             bigint        NOT NULL,
    total_passengers       bigint        NOT NULL,
    total_distance_miles   numeric(18,2) NOT NULL,
    total_duration_minutes numeric(18,2) NOT NULL,
    total_fare             numeric(18,2) NOT NULL,
    total_tip              numeric(18,2) NOT NULL,
    total_tolls            numeric(18,2) NOT NULL,
    total_revenue          numeric(18,2) NOT NULL,
    tip_percentage_sum     numeric(18,2) NOT NULL,
    rush_hour_rides        bigint        NOT NULL,
    avg_fare               numeric(10,2) NOT NULL,
    avg_distance_miles     numeric(8,2)  NOT NULL,
    avg_duration_minutes   numeric(8,2)  NOT NULL,
    avg_tip_percentage     numeric(6,2)  NOT NULL,
    avg_revenue            numeric(10,2) NOT NULL
);

CREATE TABLE ${staging}.hourly_stats (
    event_date             date          NOT NULL,
    event_hour             smallint      NOT NULL,
    ride_count             bigint        NOT NULL,
    total_passengers       bigint        NOT NULL,
    total_distance_miles   numeric(18,2) NOT NULL,
    total_duration_minutes numeric(18,2) NOT NULL,
    total_fare             numeric(18,2) NOT NULL,
    total_tip              numeric(18,2) NOT NULL,
    total_revenue          numeric(18,2) NOT NULL,
    avg_fare               numeric(10,2) NOT NULL,
    avg_distance_miles     numeric(8,2)  NOT NULL,
    avg_duration_minutes   numeric(8,2)  NOT NULL,
    is_rush_hour           boolean       NOT NULL,
    is_weekend             boolean       NOT NULL,
    PRIMARY KEY (event_date, event_hour)
);

CREATE TABLE ${staging}.payment_stats (
    payment_type          text          PRIMARY KEY,
    ride_count            bigint        NOT NULL,
    total_fare            numeric(18,2) NOT NULL,
    total_tip             numeric(18,2) NOT NULL,
    total_revenue         numeric(18,2) NOT NULL,
    tip_percentage_sum    numeric(18,2) NOT NULL,
    avg_fare              numeric(10,2) NOT NULL,
    avg_tip_percentage    numeric(6,2)  NOT NULL,
    avg_revenue           numeric(10,2) NOT NULL,
    ride_share_percentage numeric(6,2)  NOT NULL
);

-- One row per processed rides file loaded, written in the same transaction as its rides: a file
-- is loaded exactly once, or not at all.
CREATE TABLE ${platform}.loaded_files (
    bucket        text        NOT NULL,
    object_key    text        NOT NULL,
    batch_run     bigint      NOT NULL,
    load_batch_id bigint      NOT NULL,
    rows_read     bigint      NOT NULL,
    loaded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bucket, object_key)
);

-- One row per load transaction: its files' rides read and inserted.
CREATE TABLE ${platform}.load_batches (
    load_batch_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bucket         text        NOT NULL,
    files          integer     NOT NULL,
    rows_read      bigint      NOT NULL,
    rows_inserted  bigint      NOT NULL,
    loaded_at      timestamptz NOT NULL DEFAULT now()
);

-- The aggregate snapshot (batch run) the staging aggregate tables hold.
CREATE TABLE ${platform}.loaded_aggregates (
    bucket     text        NOT NULL,
    batch_run  bigint      NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bucket, batch_run)
);
