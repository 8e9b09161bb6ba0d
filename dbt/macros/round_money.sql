{#- Money and averages are published as numerics rounded to cents. -#}
{% macro round_money(expression) -%}
    round(({{ expression }})::numeric, 2)
{%- endmacro %}
