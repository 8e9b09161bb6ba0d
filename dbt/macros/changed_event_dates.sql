{#-
  The dashboard's daily marts are incremental by event date. fact_rides only ever gains rides, so a
  run recomputes from it every event date that gained rides since the mart was last built (rides
  loaded after the mart's newest loaded_at) and leaves the other dates alone; delete+insert on
  event_date swaps those dates' rows. The first run and --full-refresh compute every date.
-#}
{% macro changed_event_dates_filter(rides) -%}
{%- if is_incremental() %}
where {{ rides }}.event_date in (
    select distinct new_rides.event_date
    from {{ ref('fact_rides') }} as new_rides
    where new_rides.loaded_at > (
        select coalesce(max(built.last_loaded_at), '-infinity'::timestamptz)
        from {{ this }} as built
    )
)
{%- endif %}
{%- endmacro %}

{#- An index on event_date, for the dashboard's date-range filters. -#}
{% macro event_date_index() -%}
create index if not exists {{ this.identifier }}_event_date on {{ this }} (event_date)
{%- endmacro %}
