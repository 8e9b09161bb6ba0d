package dev.taxiplatform.dashboard.data;

import java.math.BigDecimal;

/**
 * A pickup zone's revenue over a date range, for the top-zones panel.
 *
 * @param rank 1 for the zone with the most revenue (ties broken by zone id)
 * @param pickupZoneId the TLC zone id
 * @param zone the zone's name
 * @param borough the zone's borough
 * @param trips rides picked up there
 * @param revenue Σ total_amount
 * @param averageFare Σ fare_amount / trips, rounded to cents
 * @param averageTipPct Σ tip_percentage / trips (the mean of the rides' tip percentages), rounded
 *     to 2 decimals
 */
public record ZoneRevenue(
    int rank,
    int pickupZoneId,
    String zone,
    String borough,
    long trips,
    BigDecimal revenue,
    BigDecimal averageFare,
    BigDecimal averageTipPct) {}
