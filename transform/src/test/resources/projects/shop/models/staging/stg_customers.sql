select
    id as customer_id,
    first_name,
    last_name,
    signed_up_on
from {{ ref('raw_customers') }}
