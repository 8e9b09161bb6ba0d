package dev.taxiplatform.warehouse;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One processed ride (docs/data-contracts.md, "Processed objects"), as written by the batch job.
 * Used to write processed files without Spark: in the loader's tests and benchmark.
 *
 * @param rideId ride id
 * @param eventTs when the ride ended
 * @param pickupZoneId pickup zone
 * @param pickupZoneName pickup zone name
 * @param pickupBorough pickup borough
 * @param dropoffZoneId dropoff zone
 * @param dropoffZoneName dropoff zone name
 * @param dropoffBorough dropoff borough
 * @param passengerCount passengers
 * @param distance miles
 * @param duration minutes
 * @param paymentType payment type
 * @param rateCode rate code
 * @param fare fare
 * @param tip tip
 * @param tolls tolls
 * @param total total
 */
public record ProcessedRide(
    String rideId,
    Instant eventTs,
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
    BigDecimal total) {
  public ProcessedRide {
    requireNonNull(rideId, "rideId");
    requireNonNull(eventTs, "eventTs");
  }

  public LocalDate eventDate() {
    return eventTs.atZone(ZoneOffset.UTC).toLocalDate();
  }

  public int eventHour() {
    return eventTs.atZone(ZoneOffset.UTC).getHour();
  }

  public BigDecimal farePerMile() {
    return fare.divide(distance, 2, java.math.RoundingMode.HALF_UP);
  }

  public BigDecimal farePerMinute() {
    return fare.divide(duration, 2, java.math.RoundingMode.HALF_UP);
  }

  public BigDecimal tipPercentage() {
    return fare.signum() == 0
        ? new BigDecimal("0.00")
        : tip.multiply(BigDecimal.valueOf(100)).divide(fare, 2, java.math.RoundingMode.HALF_UP);
  }

  public boolean rushHour() {
    int hour = eventHour();
    return (hour >= 7 && hour <= 9) || (hour >= 16 && hour <= 19);
  }

  public boolean weekend() {
    java.time.DayOfWeek day = eventTs.atZone(ZoneOffset.UTC).getDayOfWeek();
    return day == java.time.DayOfWeek.SATURDAY || day == java.time.DayOfWeek.SUNDAY;
  }
}
