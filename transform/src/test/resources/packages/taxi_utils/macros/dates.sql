{% macro days_after(column, days) -%}
  cast({{ dbt.dateadd('day', days, column) }} as date)
{%- endmacro %}

{% macro format_fare(cents) -%}
  'USD ' || ({{ cents }} / 100)
{%- endmacro %}
