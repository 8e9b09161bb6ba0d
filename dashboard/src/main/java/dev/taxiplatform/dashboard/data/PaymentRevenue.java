package dev.taxiplatform.dashboard.data;

import java.math.BigDecimal;

/**
 * A payment type's share of revenue over a date range, for the payment methods panel.
 *
 * @param paymentType credit_card, cash, no_charge or dispute
 * @param trips rides paid this way
 * @param revenue Σ total_amount
 * @param revenueSharePct revenue × 100 / the range's revenue, rounded to 2 decimals
 * @param averageFare Σ fare_amount / trips, rounded to cents
 * @param averageTipPct mean tip percentage, rounded to 2 decimals
 */
public record PaymentRevenue(
    String paymentType,
    long trips,
    BigDecimal revenue,
    BigDecimal revenueSharePct,
    BigDecimal averageFare,
    BigDecimal averageTipPct) {}
