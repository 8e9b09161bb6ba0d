{% macro safe_divide(numerator, denominator) -%}
  {{ return(adapter.dispatch('safe_divide', 'taxi_utils')(numerator, denominator)) }}
{%- endmacro %}

{% macro postgres__safe_divide(numerator, denominator) -%}
  round(({{ numerator }})::numeric / nullif({{ denominator }}, 0), 2)
{%- endmacro %}

{% macro default__safe_divide(numerator, denominator) -%}
  case when {{ denominator }} = 0 then null else {{ numerator }} / {{ denominator }} end
{%- endmacro %}
