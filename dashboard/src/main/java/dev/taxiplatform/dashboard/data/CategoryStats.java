package dev.taxiplatform.dashboard.data;

import java.math.BigDecimal;

/**
 * One trip distance category or fare category over a date range; every category of the dimension
 * appears, in its natural order.
 *
 * @param category e.g. short, medium, long; or budget, standard, premium
 * @param trips rides in the category
 * @param averageFare Σ fare_amount / trips, rounded to cents; null without rides
 * @param averageTipPct mean tip percentage, rounded to 2 decimals; null without rides
 * @param revenue Σ total_amount
 */
public record CategoryStats(
    String category,
    long trips,
    BigDecimal averageFare,
    BigDecimal averageTipPct,
    BigDecimal revenue) {}
