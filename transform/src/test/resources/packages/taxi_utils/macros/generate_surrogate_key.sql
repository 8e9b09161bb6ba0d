{% macro generate_surrogate_key(field_list) -%}
  {{ return(adapter.dispatch('generate_surrogate_key', 'taxi_utils')(field_list)) }}
{%- endmacro %}

{% macro default__generate_surrogate_key(field_list) -%}
  {%- set fields = [] -%}
  {%- for field in field_list -%}
    {%- do fields.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '_taxi_utils_null_')") -%}
    {%- if not loop.last -%}{%- do fields.append("'-'") -%}{%- endif -%}
  {%- endfor -%}
  {{ dbt.hash(dbt.concat(fields)) }}
{%- endmacro %}
