select * from {{ ref('does_not_exist') }}
