package dev.taxiplatform.ingest.generate;

import dev.taxiplatform.core.ride.TaxiZone;

/** Where a zone lies, as far as trip lengths, speeds, fares and tolls are concerned. */
enum Area {
  MANHATTAN,
  BROOKLYN,
  QUEENS,
  BRONX,
  STATEN_ISLAND,
  JFK,
  LAGUARDIA,
  NEWARK,
  OUTSIDE_NYC;

  static Area of(TaxiZone zone) {
    if (zone.id() == TaxiZone.JFK_AIRPORT) {
      return JFK;
    }
    if (zone.id() == TaxiZone.LAGUARDIA_AIRPORT) {
      return LAGUARDIA;
    }
    if (zone.id() == TaxiZone.NEWARK_AIRPORT) {
      return NEWARK;
    }
    return switch (zone.borough()) {
      case "Manhattan" -> MANHATTAN;
      case "Brooklyn" -> BROOKLYN;
      case "Queens" -> QUEENS;
      case "Bronx" -> BRONX;
      case "Staten Island" -> STATEN_ISLAND;
      default -> OUTSIDE_NYC;
    };
  }

  boolean isAirport() {
    return this == JFK || this == LAGUARDIA || this == NEWARK;
  }

  boolean isOuterBorough() {
    return this == BROOKLYN || this == QUEENS || this == BRONX || this == STATEN_ISLAND;
  }
}
