package dev.taxiplatform.batch;

import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.core.ride.BusinessCalendar;
import dev.taxiplatform.core.ride.TaxiZone;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The processed ride the contract ({@link ProcessedRide}, in the default business time zone)
 * defines for a valid raw ride: what the batch job must write.
 */
final class ExpectedRide {
  private static final BusinessCalendar CALENDAR =
      new BusinessCalendar(BusinessCalendar.DEFAULT_ZONE);

  private static final Map<Integer, TaxiZone> ZONES =
      ZoneLookup.zones().stream().collect(Collectors.toMap(TaxiZone::id, Function.identity()));

  private ExpectedRide() {}

  static ProcessedRide of(RawRide raw) {
    TaxiZone pickup = ZONES.get(raw.pickupZoneId());
    TaxiZone dropoff = ZONES.get(raw.dropoffZoneId());
    return new ProcessedRide(
        raw.rideId(),
        Instant.parse(raw.eventTimestamp()),
        pickup.id(),
        pickup.name(),
        pickup.borough(),
        dropoff.id(),
        dropoff.name(),
        dropoff.borough(),
        raw.passengerCount(),
        cents(raw.distance()),
        cents(raw.duration()),
        raw.paymentType(),
        raw.rateCode(),
        cents(raw.fare()),
        cents(raw.tip()),
        cents(raw.tolls()),
        cents(raw.total()),
        CALENDAR);
  }

  /** The row as the test's DuckDB query returns it, without the ride id. */
  static List<Object> values(ProcessedRide ride) {
    return List.of(
        ride.eventTs().toEpochMilli(),
        ride.eventDate().toString(),
        ride.eventHour(),
        ride.pickupZoneId(),
        ride.pickupZoneName(),
        ride.pickupBorough(),
        ride.dropoffZoneId(),
        ride.dropoffZoneName(),
        ride.dropoffBorough(),
        ride.passengerCount(),
        ride.distance(),
        ride.duration(),
        ride.paymentType(),
        ride.rateCode(),
        ride.fare(),
        ride.tip(),
        ride.tolls(),
        ride.total(),
        ride.farePerMile(),
        ride.farePerMinute(),
        ride.tipPercentage(),
        ride.rushHour(),
        ride.weekend());
  }

  static BigDecimal cents(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }
}
