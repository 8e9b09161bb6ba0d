package dev.taxiplatform.dashboard.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the marts hold, over all dates: their span and freshness.
 *
 * @param rides rides in the marts
 * @param firstDate the earliest event date, empty without rides
 * @param lastDate the latest event date, empty without rides
 * @param newestRide the newest ride's event time, empty without rides
 * @param newestLoad when the newest loaded ride was loaded into the warehouse, empty without rides
 */
public record MartsSummary(
    long rides,
    Optional<LocalDate> firstDate,
    Optional<LocalDate> lastDate,
    Optional<Instant> newestRide,
    Optional<Instant> newestLoad) {}
