package dev.taxiplatform.ingest.generate;

/**
 * The NYC yellow-taxi rate of fare in force since December 2022 (TLC), plus the state and city
 * surcharges a yellow-taxi receipt carries. Sources are listed in the ingest README.
 */
final class RateCard {
  /** Charged upon entry. */
  static final double INITIAL_CHARGE = 3.00;

  /** Per unit: 1/5 mile at 12 mph or more, or 60 seconds slower than that. */
  static final double UNIT = 0.70;

  /** Units per metered mile. */
  static final int UNITS_PER_MILE = 5;

  /** Speed below which the meter charges by time. */
  static final double TIME_RATE_BELOW_MPH = 12.0;

  /** Overnight surcharge, 8 pm to 6 am. */
  static final double OVERNIGHT_SURCHARGE = 1.00;

  /** Weekday peak surcharge, 4 pm to 8 pm, Monday to Friday. */
  static final double PEAK_SURCHARGE = 2.50;

  /** MTA State surcharge on every trip. */
  static final double MTA_TAX = 0.50;

  /** Improvement surcharge on every trip. */
  static final double IMPROVEMENT_SURCHARGE = 1.00;

  /** New York State congestion surcharge: trips in Manhattan south of 96th Street. */
  static final double CONGESTION_SURCHARGE = 2.50;

  /** Airport access fee on pickups at LaGuardia and JFK. */
  static final double AIRPORT_FEE = 1.75;

  /** Flat fare between JFK and Manhattan (rate code 2), either direction. */
  static final double JFK_FLAT_FARE = 70.00;

  /** Rush-hour surcharge on the JFK flat fare, weekdays 4 pm to 8 pm. */
  static final double JFK_RUSH_HOUR_SURCHARGE = 5.00;

  /** Surcharge on trips to Newark Airport (rate code 3), on top of the metered fare. */
  static final double NEWARK_SURCHARGE = 20.00;

  /** A representative E-ZPass toll of an MTA bridge or tunnel (RFK, Verrazzano, tunnels). */
  static final double MTA_CROSSING_TOLL = 6.94;

  /** A representative E-ZPass toll of a Port Authority Hudson River crossing (to Newark). */
  static final double HUDSON_CROSSING_TOLL = 16.06;

  private RateCard() {}

  /** The metered fare for {@code distanceUnits} of distance and {@code timeUnits} minutes. */
  static double meteredFare(long distanceUnits, long timeUnits) {
    return INITIAL_CHARGE + UNIT * (distanceUnits + timeUnits);
  }
}
