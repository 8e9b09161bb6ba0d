package dev.taxiplatform.core.ride;

import static java.util.Objects.requireNonNull;

/**
 * One NYC TLC taxi zone, as the TLC's public zone lookup table lists it.
 *
 * @param id the zone's {@code LocationID}, 1-265
 * @param borough its borough ({@code Manhattan}, {@code Queens}, ..., {@code EWR}, {@code Unknown},
 *     {@code N/A})
 * @param name the zone's name, e.g. {@code JFK Airport}
 * @param serviceZone its service zone: {@code Yellow Zone}, {@code Boro Zone}, {@code Airports},
 *     {@code EWR} or {@code N/A}
 */
public record TaxiZone(int id, String borough, String name, String serviceZone) {
  /** The zone id of Newark Airport. */
  public static final int NEWARK_AIRPORT = 1;

  /** The zone id of JFK Airport. */
  public static final int JFK_AIRPORT = 132;

  /** The zone id of LaGuardia Airport. */
  public static final int LAGUARDIA_AIRPORT = 138;

  /** The zone id the TLC uses for trips that end outside New York City. */
  public static final int OUTSIDE_NYC = 265;

  public TaxiZone {
    requireNonNull(borough, "borough");
    requireNonNull(name, "name");
    requireNonNull(serviceZone, "serviceZone");
  }

  /** True for the Yellow Zone: Manhattan south of 96th/110th Street, where most rides start. */
  public boolean isYellowZone() {
    return serviceZone.equals("Yellow Zone");
  }

  /** True for JFK, LaGuardia and Newark airports. */
  public boolean isAirport() {
    return id == JFK_AIRPORT || id == LAGUARDIA_AIRPORT || id == NEWARK_AIRPORT;
  }
}
