{#- The time a snapshot records as dbt_valid_from/dbt_valid_to (check strategy) and for hard
    deletes. A project overrides it by defining postgres__snapshot_get_time or
    default__snapshot_get_time. -#}
{% macro snapshot_get_time() -%}
  {{ return(adapter.dispatch('snapshot_get_time', 'dbt')()) }}
{%- endmacro %}

{% macro postgres__snapshot_get_time() -%}
  {{ dbt.current_timestamp() }}::timestamp without time zone
{%- endmacro %}
