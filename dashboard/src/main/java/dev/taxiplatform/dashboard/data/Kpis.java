package dev.taxiplatform.dashboard.data;

import java.math.BigDecimal;

/**
 * The headline figures over a date range, exact (computed from the marts' sums and counts).
 *
 * @param totalRides rides whose event date is in the range
 * @param averageFare Σ fare_amount / rides, rounded half up to cents; null without rides
 * @param totalRevenue Σ total_amount (fare, surcharges, taxes, tip and tolls)
 * @param totalPassengers Σ passenger_count
 */
public record Kpis(
    long totalRides, BigDecimal averageFare, BigDecimal totalRevenue, long totalPassengers) {}
