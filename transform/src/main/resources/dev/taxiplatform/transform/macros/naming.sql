{#- Relation naming as dbt-postgres names relations. A project overrides any of these by defining
    a macro of the same name. -#}

{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none or custom_schema_name == '' -%}
    {{ target.schema }}
  {%- else -%}
    {{ target.schema }}_{{ custom_schema_name | trim }}
  {%- endif -%}
{%- endmacro %}

{% macro generate_alias_name(custom_alias_name=none, node=none) -%}
  {%- if custom_alias_name is none or custom_alias_name == '' -%}
    {{ node.name }}
  {%- else -%}
    {{ custom_alias_name | trim }}
  {%- endif -%}
{%- endmacro %}

{% macro generate_database_name(custom_database_name=none, node=none) -%}
  {%- if custom_database_name is none or custom_database_name == '' -%}
    {{ target.database }}
  {%- else -%}
    {{ custom_database_name | trim }}
  {%- endif -%}
{%- endmacro %}

{% macro statement(name=none, fetch_result=false, auto_begin=true) -%}
  {%- set statement_sql = caller() -%}
  {%- do __taxi_statement(name, statement_sql, fetch_result) -%}
{%- endmacro %}
