{% set categories_query %}
select distinct category from {{ ref('event_types') }} order by category
{% endset %}
{% set results = run_query(categories_query) %}
{% if execute %}
{% set categories = results.columns[0].values() %}
{% else %}
{% set categories = [] %}
{% endif %}
select
    user_id,
    {% for category in categories -%}
    sum(case when category = '{{ category }}' then score else 0 end) as {{ category }}_score,
    {% endfor -%}
    sum(score) as total_score
from {{ ref('user_events') }}
group by user_id
