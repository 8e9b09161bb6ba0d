package dev.taxiplatform.dashboard.data;

import java.math.BigDecimal;

/**
 * Rides per hour of the day (local to the business time zone) over a date range, for the hourly
 * pattern panel; every hour 0–23 appears.
 *
 * @param hour the hour of the day, 0–23
 * @param trips rides in that hour on any date of the range
 * @param averageFare Σ fare_amount / trips, rounded to cents; null without rides
 * @param revenue Σ total_amount
 */
public record HourlyTrips(int hour, long trips, BigDecimal averageFare, BigDecimal revenue) {}
