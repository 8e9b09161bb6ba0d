package dev.taxiplatform.dashboard.testing;

import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.dashboard.data.BoroughFlow;
import dev.taxiplatform.dashboard.data.CategoryStats;
import dev.taxiplatform.dashboard.data.DateRange;
import dev.taxiplatform.dashboard.data.HourlyTrips;
import dev.taxiplatform.dashboard.data.Kpis;
import dev.taxiplatform.dashboard.data.PaymentRevenue;
import dev.taxiplatform.dashboard.data.ZoneRevenue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Each panel computed in Java from the rides themselves: what the dashboard must show. */
public final class Expected {
  private final List<ProcessedRide> rides;

  /** The rides of {@code all} in {@code range}. */
  public Expected(List<ProcessedRide> all, DateRange range) {
    this.rides =
        all.stream()
            .filter(r -> !r.eventDate().isBefore(range.lowerBound()))
            .filter(r -> !r.eventDate().isAfter(range.upperBound()))
            .toList();
  }

  public Kpis kpis() {
    return new Kpis(
        rides.size(),
        rides.isEmpty() ? null : average(rides, ProcessedRide::fare),
        sum(rides, ProcessedRide::total),
        rides.stream().mapToLong(ProcessedRide::passengerCount).sum());
  }

  public List<ZoneRevenue> topZones() {
    Map<Integer, List<ProcessedRide>> byZone =
        rides.stream().collect(Collectors.groupingBy(ProcessedRide::pickupZoneId));
    List<List<ProcessedRide>> sorted =
        byZone.values().stream()
            .sorted(
                Comparator.comparing((List<ProcessedRide> z) -> sum(z, ProcessedRide::total))
                    .reversed()
                    .thenComparing(z -> z.get(0).pickupZoneId()))
            .limit(10)
            .toList();
    List<ZoneRevenue> rows = new ArrayList<>();
    for (List<ProcessedRide> zone : sorted) {
      ProcessedRide first = zone.get(0);
      rows.add(
          new ZoneRevenue(
              rows.size() + 1,
              first.pickupZoneId(),
              first.pickupZoneName(),
              first.pickupBorough(),
              zone.size(),
              sum(zone, ProcessedRide::total),
              average(zone, ProcessedRide::fare),
              average(zone, ProcessedRide::tipPercentage)));
    }
    return rows;
  }

  public List<PaymentRevenue> payments() {
    BigDecimal total = sum(rides, ProcessedRide::total);
    return rides.stream()
        .collect(Collectors.groupingBy(ProcessedRide::paymentType))
        .values()
        .stream()
        .sorted(
            Comparator.comparing((List<ProcessedRide> p) -> sum(p, ProcessedRide::total))
                .reversed()
                .thenComparing(p -> p.get(0).paymentType()))
        .map(
            p ->
                new PaymentRevenue(
                    p.get(0).paymentType(),
                    p.size(),
                    sum(p, ProcessedRide::total),
                    sum(p, ProcessedRide::total)
                        .multiply(BigDecimal.valueOf(100))
                        .divide(total, 2, RoundingMode.HALF_UP),
                    average(p, ProcessedRide::fare),
                    average(p, ProcessedRide::tipPercentage)))
        .toList();
  }

  public List<HourlyTrips> hourly() {
    List<HourlyTrips> rows = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      int h = hour;
      List<ProcessedRide> inHour = rides.stream().filter(r -> r.eventHour() == h).toList();
      rows.add(
          new HourlyTrips(
              hour,
              inHour.size(),
              inHour.isEmpty() ? null : average(inHour, ProcessedRide::fare),
              sum(inHour, ProcessedRide::total)));
    }
    return rows;
  }

  public List<CategoryStats> distanceCategories() {
    return categories(List.of("short", "medium", "long"), Expected::distanceCategory);
  }

  public List<CategoryStats> fareCategories() {
    return categories(List.of("budget", "standard", "premium"), Expected::fareCategory);
  }

  public List<BoroughFlow> boroughFlows() {
    Map<String, List<ProcessedRide>> byFlow =
        rides.stream()
            .collect(
                Collectors.groupingBy(Expected::boroughFlow, TreeMap::new, Collectors.toList()));
    List<BoroughFlow> rows = new ArrayList<>();
    byFlow.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<String, List<ProcessedRide>> e) -> e.getValue().size())
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(10)
        .forEach(
            e ->
                rows.add(
                    new BoroughFlow(
                        rows.size() + 1,
                        e.getKey(),
                        e.getValue().get(0).pickupBorough(),
                        e.getValue().get(0).dropoffBorough(),
                        e.getValue().size(),
                        sum(e.getValue(), ProcessedRide::total),
                        average(e.getValue(), ProcessedRide::fare))));
    return rows;
  }

  private List<CategoryStats> categories(
      List<String> names, Function<ProcessedRide, String> category) {
    List<CategoryStats> rows = new ArrayList<>();
    for (String name : names) {
      List<ProcessedRide> in = rides.stream().filter(r -> category.apply(r).equals(name)).toList();
      rows.add(
          new CategoryStats(
              name,
              in.size(),
              in.isEmpty() ? null : average(in, ProcessedRide::fare),
              in.isEmpty() ? null : average(in, ProcessedRide::tipPercentage),
              sum(in, ProcessedRide::total)));
    }
    return rows;
  }

  /** The marts' distance category of a ride (int_rides_enriched). */
  static String distanceCategory(ProcessedRide ride) {
    return ride.distance().compareTo(new BigDecimal("2")) < 0
        ? "short"
        : ride.distance().compareTo(BigDecimal.TEN) < 0 ? "medium" : "long";
  }

  /** The marts' fare category of a ride (int_rides_enriched). */
  static String fareCategory(ProcessedRide ride) {
    return ride.total().compareTo(new BigDecimal("15")) < 0
        ? "budget"
        : ride.total().compareTo(new BigDecimal("40")) < 0 ? "standard" : "premium";
  }

  /** The marts' borough flow of a ride. */
  static String boroughFlow(ProcessedRide ride) {
    return ride.pickupBorough() + " → " + ride.dropoffBorough();
  }

  static BigDecimal sum(List<ProcessedRide> rides, Function<ProcessedRide, BigDecimal> field) {
    return rides.stream().map(field).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  static BigDecimal average(List<ProcessedRide> rides, Function<ProcessedRide, BigDecimal> field) {
    return sum(rides, field).divide(BigDecimal.valueOf(rides.size()), 2, RoundingMode.HALF_UP);
  }
}
