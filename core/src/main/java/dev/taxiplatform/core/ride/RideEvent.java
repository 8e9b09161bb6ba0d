package dev.taxiplatform.core.ride;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One ride event, as published to the rides topic and stored in the raw Parquet files; see {@code
 * docs/data-contracts.md}. {@link RideField} lists the JSON names; {@link RideValidator} checks the
 * value domains.
 *
 * @param rideId unique id of the ride (a UUID)
 * @param eventTimestamp when the ride ended: ISO-8601 in UTC, kept as the text that was sent
 * @param pickupZoneId TLC zone id of the pickup
 * @param pickupZoneName that zone's name
 * @param pickupBorough that zone's borough
 * @param dropoffZoneId TLC zone id of the drop-off
 * @param dropoffZoneName that zone's name
 * @param dropoffBorough that zone's borough
 * @param passengerCount 1-6
 * @param tripDistanceMiles metered distance
 * @param durationMinutes ride duration
 * @param paymentType how it was paid
 * @param rateCode the meter's rate code
 * @param fareAmount metered (or flat) fare, USD
 * @param tipAmount tip, USD (0 for cash: cash tips are not recorded)
 * @param tollsAmount tolls, USD
 * @param totalAmount fare + surcharges + taxes + tip + tolls, USD
 */
public record RideEvent(
    String rideId,
    String eventTimestamp,
    int pickupZoneId,
    String pickupZoneName,
    String pickupBorough,
    int dropoffZoneId,
    String dropoffZoneName,
    String dropoffBorough,
    int passengerCount,
    double tripDistanceMiles,
    double durationMinutes,
    PaymentType paymentType,
    RateCode rateCode,
    double fareAmount,
    double tipAmount,
    double tollsAmount,
    double totalAmount) {
  public RideEvent {
    requireNonNull(rideId, "rideId");
    requireNonNull(eventTimestamp, "eventTimestamp");
    requireNonNull(pickupZoneName, "pickupZoneName");
    requireNonNull(pickupBorough, "pickupBorough");
    requireNonNull(dropoffZoneName, "dropoffZoneName");
    requireNonNull(dropoffBorough, "dropoffBorough");
    requireNonNull(paymentType, "paymentType");
    requireNonNull(rateCode, "rateCode");
  }

  /** The event's time, parsed from {@link #eventTimestamp()}. */
  public Instant eventTime() {
    return Instant.parse(eventTimestamp);
  }

  /** The topic key of this event: its pickup zone id as a decimal string. */
  public String key() {
    return Integer.toString(pickupZoneId);
  }
}
