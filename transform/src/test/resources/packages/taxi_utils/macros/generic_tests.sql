{% test expression_is_true(model, expression, column_name=None) %}
select *
from {{ model }}
where not ({{ column_name ~ ' ' if column_name else '' }}{{ expression }})
{% endtest %}

{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
select *
from {{ model }}
where
  {%- if min_value is not none %} {{ column_name }} {{ '<' if inclusive else '<=' }} {{ min_value }}{% endif %}
  {%- if min_value is not none and max_value is not none %} or{% endif %}
  {%- if max_value is not none %} {{ column_name }} {{ '>' if inclusive else '>=' }} {{ max_value }}{% endif %}
{% endtest %}
