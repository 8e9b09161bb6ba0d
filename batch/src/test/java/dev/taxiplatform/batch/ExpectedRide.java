package dev.taxiplatform.batch;

import dev.taxiplatform.core.config.PlatformSettings;
import dev.taxiplatform.core.ride.BusinessCalendar;
import dev.taxiplatform.core.ride.TaxiZone;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A processed ride as the contract defines it, computed by the test from a valid raw ride. */
record ExpectedRide(
    String rideId,
    long eventTsMillis,
    LocalDate eventDate,
    int eventHour,
    int pickupZoneId,
    String pickupZoneName,
    String pickupBorough,
    int dropoffZoneId,
    String dropoffZoneName,
    String dropoffBorough,
    int passengerCount,
    BigDecimal distance,
    BigDecimal duration,
    String paymentType,
    String rateCode,
    BigDecimal fare,
    BigDecimal tip,
    BigDecimal tolls,
    BigDecimal total,
    BigDecimal farePerMile,
    BigDecimal farePerMinute,
    BigDecimal tipPercentage,
    boolean rushHour,
    boolean weekend) {

  private static final Map<Integer, TaxiZone> ZONES =
      ZoneLookup.zones().stream().collect(Collectors.toMap(TaxiZone::id, Function.identity()));

  /** The platform's default business calendar, New York's. */
  static final BusinessCalendar CALENDAR =
      new BusinessCalendar(PlatformSettings.TIME_ZONE.defaultValue().orElseThrow());

  static ExpectedRide of(RawRide raw) {
    Instant instant = Instant.parse(raw.eventTimestamp());
    BigDecimal distance = cents(raw.distance());
    BigDecimal duration = cents(raw.duration());
    BigDecimal fare = cents(raw.fare());
    BigDecimal tip = cents(raw.tip());
    int hour = CALENDAR.hour(instant);
    TaxiZone pickup = ZONES.get(raw.pickupZoneId());
    TaxiZone dropoff = ZONES.get(raw.dropoffZoneId());
    return new ExpectedRide(
        raw.rideId(),
        instant.toEpochMilli(),
        CALENDAR.date(instant),
        hour,
        pickup.id(),
        pickup.name(),
        pickup.borough(),
        dropoff.id(),
        dropoff.name(),
        dropoff.borough(),
        raw.passengerCount(),
        distance,
        duration,
        raw.paymentType(),
        raw.rateCode(),
        fare,
        tip,
        cents(raw.tolls()),
        cents(raw.total()),
        fare.divide(distance, 2, RoundingMode.HALF_UP),
        fare.divide(duration, 2, RoundingMode.HALF_UP),
        fare.signum() == 0
            ? new BigDecimal("0.00")
            : tip.multiply(BigDecimal.valueOf(100)).divide(fare, 2, RoundingMode.HALF_UP),
        CALENDAR.rushHour(instant),
        CALENDAR.weekend(instant));
  }

  /** The row as the test's DuckDB query returns it. */
  List<Object> values() {
    return List.of(
        eventTsMillis,
        eventDate.toString(),
        eventHour,
        pickupZoneId,
        pickupZoneName,
        pickupBorough,
        dropoffZoneId,
        dropoffZoneName,
        dropoffBorough,
        passengerCount,
        distance,
        duration,
        paymentType,
        rateCode,
        fare,
        tip,
        tolls,
        total,
        farePerMile,
        farePerMinute,
        tipPercentage,
        rushHour,
        weekend);
  }

  static BigDecimal cents(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }
}
