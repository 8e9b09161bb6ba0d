package dev.taxiplatform.core.ride;

import java.util.Optional;

/**
 * The meter's rate code at the end of a ride (the TLC's {@code RatecodeID} 1-6), as the ride
 * event's {@code rate_code} names it.
 */
public enum RateCode {
  /** Rate code 1: the standard city rate. */
  STANDARD("standard"),
  /** Rate code 2: the flat fare between JFK Airport and Manhattan. */
  JFK("jfk"),
  /** Rate code 3: trips to Newark Airport (metered fare plus the Newark surcharge). */
  NEWARK("newark"),
  /** Rate code 4: trips to Nassau or Westchester counties. */
  NASSAU_WESTCHESTER("nassau_westchester"),
  /** Rate code 5: a fare agreed before the trip. */
  NEGOTIATED("negotiated"),
  /** Rate code 6: a group ride. */
  GROUP_RIDE("group_ride");

  private final String wireName;

  RateCode(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the event's JSON and in the raw Parquet files. */
  public String wireName() {
    return wireName;
  }

  /** The rate code with this wire name, if any. */
  public static Optional<RateCode> fromWireName(String name) {
    for (RateCode code : values()) {
      if (code.wireName.equals(name)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }
}
