select orders.order_id
from {{ ref('orders') }} as orders
where orders.amount <> orders.credit_card_amount + orders.coupon_amount
    + orders.bank_transfer_amount + orders.gift_card_amount
