package dev.taxiplatform.transform.bench;

/** The warehouse's staging table of processed rides, which the platform's {@code dbt/} reads. */
public final class StagingTable {
  /** Creates schema {@code staging} and table {@code stg_rides} unless they exist. */
  public static final String DDL =
      """
      create schema if not exists staging;
      create table if not exists staging.stg_rides (
          ride_id text primary key,
          event_ts timestamptz not null,
          event_date date not null,
          event_hour smallint not null,
          pickup_zone_id integer not null,
          pickup_zone_name text not null,
          pickup_borough text not null,
          dropoff_zone_id integer not null,
          dropoff_zone_name text not null,
          dropoff_borough text not null,
          passenger_count smallint not null,
          trip_distance_miles numeric(8,2) not null,
          duration_minutes numeric(8,2) not null,
          payment_type text not null,
          rate_code text not null,
          fare_amount numeric(10,2) not null,
          tip_amount numeric(10,2) not null,
          tolls_amount numeric(10,2) not null,
          total_amount numeric(10,2) not null,
          fare_per_mile numeric(10,2) not null,
          fare_per_minute numeric(10,2) not null,
          tip_percentage numeric(6,2) not null,
          is_rush_hour boolean not null,
          is_weekend boolean not null,
          loaded_at timestamptz not null default now()
      )""";

  private StagingTable() {}
}
