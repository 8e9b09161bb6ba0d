package dev.taxiplatform.dashboard.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A ride as staged in {@code staging.stg_rides}, with what the SQL models derive from it. */
public record TestRide(
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
    BigDecimal fareAmount,
    BigDecimal tipAmount,
    BigDecimal tollsAmount,
    BigDecimal totalAmount) {

  public LocalDate eventDate() {
    return eventTs.atZone(ZoneOffset.UTC).toLocalDate();
  }

  public int eventHour() {
    return eventTs.atZone(ZoneOffset.UTC).getHour();
  }

  /** tip / fare × 100, rounded half up (0 when the fare is 0), as the batch job computes it. */
  public BigDecimal tipPercentage() {
    return fareAmount.signum() == 0
        ? BigDecimal.ZERO.setScale(2)
        : tipAmount.multiply(BigDecimal.valueOf(100)).divide(fareAmount, 2, RoundingMode.HALF_UP);
  }

  public String distanceCategory() {
    return tripDistanceMiles.compareTo(new BigDecimal("2")) < 0
        ? "short"
        : tripDistanceMiles.compareTo(BigDecimal.TEN) < 0 ? "medium" : "long";
  }

  public String fareCategory() {
    return totalAmount.compareTo(new BigDecimal("15")) < 0
        ? "budget"
        : totalAmount.compareTo(new BigDecimal("40")) < 0 ? "standard" : "premium";
  }

  public String boroughFlow() {
    return pickupBorough + " → " + dropoffBorough;
  }
}
