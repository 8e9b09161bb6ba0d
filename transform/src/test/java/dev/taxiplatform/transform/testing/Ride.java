package dev.taxiplatform.transform.testing;

import java.math.BigDecimal;
import java.time.Instant;

/** A ride as the loader stages it in {@code staging.stg_rides}. */
public record Ride(
    String rideId,
    Instant eventTs,
    int pickupZoneId,
    String pickupZoneName,
    String pickupBorough,
    int dropoffZoneId,
    String dropoffZoneName,
    String dropoffBorough,
    int passengerCount,
    BigDecimal tripDistanceMiles,
    BigDecimal durationMinutes,
    String paymentType,
    String rateCode,
    BigDecimal fareAmount,
    BigDecimal tipAmount,
    BigDecimal tollsAmount,
    BigDecimal totalAmount,
    BigDecimal tipPercentage,
    boolean rushHour,
    boolean weekend) {}
