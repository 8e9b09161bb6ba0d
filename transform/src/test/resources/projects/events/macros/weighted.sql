{% macro weighted(value, weight) -%}
    {{ return(adapter.dispatch('weighted')(value, weight)) }}
{%- endmacro %}

{% macro default__weighted(value, weight) -%}
    ({{ value }} * {{ weight }})
{%- endmacro %}
