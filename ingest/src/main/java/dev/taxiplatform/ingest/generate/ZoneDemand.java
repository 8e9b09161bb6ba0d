package dev.taxiplatform.ingest.generate;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.ride.TaxiZone;
import dev.taxiplatform.core.ride.TaxiZones;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Where rides start: the share of pickups per group of zones (Manhattan's Yellow Zone, the rest of
 * Manhattan, JFK, LaGuardia, Newark, each outer borough), spread within a group evenly except for
 * the busiest zones, which get {@link #HOT_SPOT_WEIGHT} times the weight. Drop-offs within an area
 * use the same weights. Shares follow the TLC's yellow-taxi trip records; see the ingest README.
 */
final class ZoneDemand {
  /** Share of pickups in Manhattan's Yellow Zone (south of 96th/110th Street). */
  static final double MANHATTAN_YELLOW_ZONE = 0.855;

  /** Share of pickups in the rest of Manhattan (Harlem, Washington Heights, Inwood, ...). */
  static final double MANHATTAN_UPTOWN = 0.025;

  static final double JFK = 0.045;
  static final double LAGUARDIA = 0.03;
  static final double NEWARK = 0.0002;

  /** Share of pickups in the outer boroughs, apart from the airports. */
  static final double OUTER_BOROUGHS = 0.0448;

  private static final Map<String, Double> OUTER_BOROUGH_SPLIT =
      Map.of("Brooklyn", 0.45, "Queens", 0.40, "Bronx", 0.12, "Staten Island", 0.03);

  static final double HOT_SPOT_WEIGHT = 3.0;

  /** The busiest pickup zones of the TLC records (Midtown, Upper East/West Side, ...). */
  static final Set<Integer> HOT_SPOTS =
      Set.of(
          237, 161, 236, 162, 230, 186, 142, 170, 163, 239, 234, 48, 68, 141, 79, 140, 107, 249,
          238, 246, 113, 164, 43, 229, 100, 90, 255, 256, 181, 65, 66, 7, 145, 129);

  /** Zones almost nobody takes a taxi from (islands reached by ferry). */
  static final Set<Integer> RARE = Set.of(103, 104, 105);

  private final TaxiZones zones;
  private final double[] pickupWeight;
  private final WeightedChoice pickups;
  private final Map<Area, int[]> zonesByArea = new EnumMap<>(Area.class);
  private final Map<Area, WeightedChoice> dropoffsByArea = new EnumMap<>(Area.class);

  ZoneDemand(TaxiZones zones) {
    this.zones = requireNonNull(zones, "zones");
    int maxId = zones.all().get(zones.all().size() - 1).id();
    pickupWeight = new double[maxId + 1];
    assignGroup(z -> z.isYellowZone(), MANHATTAN_YELLOW_ZONE);
    assignGroup(z -> z.borough().equals("Manhattan") && !z.isYellowZone(), MANHATTAN_UPTOWN);
    assignGroup(z -> z.id() == TaxiZone.JFK_AIRPORT, JFK);
    assignGroup(z -> z.id() == TaxiZone.LAGUARDIA_AIRPORT, LAGUARDIA);
    assignGroup(z -> z.id() == TaxiZone.NEWARK_AIRPORT, NEWARK);
    OUTER_BOROUGH_SPLIT.forEach(
        (borough, share) ->
            assignGroup(
                z -> z.borough().equals(borough) && !z.isAirport(), OUTER_BOROUGHS * share));
    pickups = new WeightedChoice(pickupWeight);

    Map<Area, List<Integer>> byArea = new EnumMap<>(Area.class);
    for (TaxiZone zone : zones.all()) {
      if (zone.id() == TaxiZone.OUTSIDE_NYC || pickupWeight[zone.id()] > 0) {
        byArea.computeIfAbsent(Area.of(zone), a -> new ArrayList<>()).add(zone.id());
      }
    }
    byArea.forEach(
        (area, ids) -> {
          int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
          double[] weights = new double[idArray.length];
          for (int i = 0; i < idArray.length; i++) {
            weights[i] = area == Area.OUTSIDE_NYC ? 1 : pickupWeight[idArray[i]];
          }
          zonesByArea.put(area, idArray);
          dropoffsByArea.put(area, new WeightedChoice(weights));
        });
  }

  private void assignGroup(java.util.function.Predicate<TaxiZone> member, double share) {
    List<TaxiZone> group = zones.all().stream().filter(member).toList();
    double raw = 0;
    for (TaxiZone zone : group) {
      raw += rawWeight(zone);
    }
    for (TaxiZone zone : group) {
      pickupWeight[zone.id()] = share * rawWeight(zone) / raw;
    }
  }

  private static double rawWeight(TaxiZone zone) {
    if (RARE.contains(zone.id())) {
      return 0.02;
    }
    return HOT_SPOTS.contains(zone.id()) ? HOT_SPOT_WEIGHT : 1.0;
  }

  /** A pickup zone. */
  TaxiZone pickup(SplittableRandom random) {
    return zones.get(pickups.next(random));
  }

  /** A drop-off zone within {@code area}. */
  TaxiZone dropoffIn(Area area, SplittableRandom random) {
    int[] ids = zonesByArea.get(area);
    return zones.get(ids[dropoffsByArea.get(area).next(random)]);
  }

  /** The probability that a ride starts in this zone. */
  double pickupProbability(int zoneId) {
    return zoneId < pickupWeight.length ? pickupWeight[zoneId] : 0;
  }
}
