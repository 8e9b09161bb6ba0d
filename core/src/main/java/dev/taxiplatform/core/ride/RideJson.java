package dev.taxiplatform.core.ride;

import java.nio.charset.StandardCharsets;

/**
 * Writes ride events as the topic's JSON (UTF-8, the contract's field names and order). Fast: no
 * reflection, one pass. Thread-safe.
 */
public final class RideJson {
  private RideJson() {}

  /** The event as UTF-8 JSON. */
  public static byte[] encode(RideEvent ride) {
    return toJson(ride).getBytes(StandardCharsets.UTF_8);
  }

  /** The event as JSON text. */
  public static String toJson(RideEvent ride) {
    StringBuilder out = new StringBuilder(640);
    out.append('{');
    string(out, RideField.RIDE_ID, ride.rideId()).append(',');
    string(out, RideField.EVENT_TIMESTAMP, ride.eventTimestamp()).append(',');
    integer(out, RideField.PICKUP_ZONE_ID, ride.pickupZoneId()).append(',');
    string(out, RideField.PICKUP_ZONE_NAME, ride.pickupZoneName()).append(',');
    string(out, RideField.PICKUP_BOROUGH, ride.pickupBorough()).append(',');
    integer(out, RideField.DROPOFF_ZONE_ID, ride.dropoffZoneId()).append(',');
    string(out, RideField.DROPOFF_ZONE_NAME, ride.dropoffZoneName()).append(',');
    string(out, RideField.DROPOFF_BOROUGH, ride.dropoffBorough()).append(',');
    integer(out, RideField.PASSENGER_COUNT, ride.passengerCount()).append(',');
    number(out, RideField.TRIP_DISTANCE_MILES, ride.tripDistanceMiles()).append(',');
    number(out, RideField.DURATION_MINUTES, ride.durationMinutes()).append(',');
    string(out, RideField.PAYMENT_TYPE, ride.paymentType().wireName()).append(',');
    string(out, RideField.RATE_CODE, ride.rateCode().wireName()).append(',');
    number(out, RideField.FARE_AMOUNT, ride.fareAmount()).append(',');
    number(out, RideField.TIP_AMOUNT, ride.tipAmount()).append(',');
    number(out, RideField.TOLLS_AMOUNT, ride.tollsAmount()).append(',');
    number(out, RideField.TOTAL_AMOUNT, ride.totalAmount());
    return out.append('}').toString();
  }

  private static StringBuilder name(StringBuilder out, RideField field) {
    return out.append('"').append(field.jsonName()).append("\":");
  }

  private static StringBuilder string(StringBuilder out, RideField field, String value) {
    name(out, field).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  private static StringBuilder integer(StringBuilder out, RideField field, int value) {
    return name(out, field).append(value);
  }

  private static StringBuilder number(StringBuilder out, RideField field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field.jsonName() + " is not a finite number: " + value);
    }
    name(out, field);
    long cents = Math.round(value * 100);
    if (Math.abs(value) < 1e12 && cents / 100.0 == value) {
      // Amounts, miles and minutes have two decimals: print them exactly so, without the cost of
      // Double.toString. The text parses back to the very same double.
      if (cents < 0) {
        out.append('-');
        cents = -cents;
      }
      long fraction = cents % 100;
      return out.append(cents / 100)
          .append('.')
          .append((char) ('0' + fraction / 10))
          .append((char) ('0' + fraction % 10));
    }
    return out.append(value);
  }
}
