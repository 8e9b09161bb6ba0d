package dev.taxiplatform.dashboard.data;

import java.math.BigDecimal;

/**
 * Rides from one borough to another over a date range, for the top flows panel.
 *
 * @param rank 1 for the flow with the most trips (ties broken by the flow's name)
 * @param flow "pickup borough → dropoff borough"
 * @param pickupBorough where the rides started
 * @param dropoffBorough where they ended
 * @param trips rides of the flow
 * @param revenue Σ total_amount
 * @param averageFare Σ fare_amount / trips, rounded to cents
 */
public record BoroughFlow(
    int rank,
    String flow,
    String pickupBorough,
    String dropoffBorough,
    long trips,
    BigDecimal revenue,
    BigDecimal averageFare) {}
