package dev.taxiplatform.dashboard.testing;

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
  private final List<TestRide> rides;

  /** The rides of {@code all} in {@code range}. */
  public Expected(List<TestRide> all, DateRange range) {
    this.rides =
        all.stream()
            .filter(r -> !r.eventDate().isBefore(range.lowerBound()))
            .filter(r -> !r.eventDate().isAfter(range.upperBound()))
            .toList();
  }

  public Kpis kpis() {
    return new Kpis(
        rides.size(),
        rides.isEmpty() ? null : average(rides, TestRide::fareAmount),
        sum(rides, TestRide::totalAmount),
        rides.stream().mapToLong(TestRide::passengerCount).sum());
  }

  public List<ZoneRevenue> topZones() {
    Map<Integer, List<TestRide>> byZone =
        rides.stream().collect(Collectors.groupingBy(TestRide::pickupZoneId));
    List<List<TestRide>> sorted =
        byZone.values().stream()
            .sorted(
                Comparator.comparing((List<TestRide> z) -> sum(z, TestRide::totalAmount))
                    .reversed()
                    .thenComparing(z -> z.get(0).pickupZoneId()))
            .limit(10)
            .toList();
    List<ZoneRevenue> rows = new ArrayList<>();
    for (List<TestRide> zone : sorted) {
      TestRide first = zone.get(0);
      rows.add(
          new ZoneRevenue(
              rows.size() + 1,
              first.pickupZoneId(),
              first.pickupZoneName(),
              first.pickupBorough(),
              zone.size(),
              sum(zone, TestRide::totalAmount),
              average(zone, TestRide::fareAmount),
              average(zone, TestRide::tipPercentage)));
    }
    return rows;
  }

  public List<PaymentRevenue> payments() {
    BigDecimal total = sum(rides, TestRide::totalAmount);
    return rides.stream().collect(Collectors.groupingBy(TestRide::paymentType)).values().stream()
        .sorted(
            Comparator.comparing((List<TestRide> p) -> sum(p, TestRide::totalAmount))
                .reversed()
                .thenComparing(p -> p.get(0).paymentType()))
        .map(
            p ->
                new PaymentRevenue(
                    p.get(0).paymentType(),
                    p.size(),
                    sum(p, TestRide::totalAmount),
                    sum(p, TestRide::totalAmount)
                        .multiply(BigDecimal.valueOf(100))
                        .divide(total, 2, RoundingMode.HALF_UP),
                    average(p, TestRide::fareAmount),
                    average(p, TestRide::tipPercentage)))
        .toList();
  }

  public List<HourlyTrips> hourly() {
    List<HourlyTrips> rows = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      int h = hour;
      List<TestRide> inHour = rides.stream().filter(r -> r.eventHour() == h).toList();
      rows.add(
          new HourlyTrips(
              hour,
              inHour.size(),
              inHour.isEmpty() ? null : average(inHour, TestRide::fareAmount),
              sum(inHour, TestRide::totalAmount)));
    }
    return rows;
  }

  public List<CategoryStats> distanceCategories() {
    return categories(List.of("short", "medium", "long"), TestRide::distanceCategory);
  }

  public List<CategoryStats> fareCategories() {
    return categories(List.of("budget", "standard", "premium"), TestRide::fareCategory);
  }

  public List<BoroughFlow> boroughFlows() {
    Map<String, List<TestRide>> byFlow =
        rides.stream()
            .collect(
                Collectors.groupingBy(TestRide::boroughFlow, TreeMap::new, Collectors.toList()));
    List<BoroughFlow> rows = new ArrayList<>();
    byFlow.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<String, List<TestRide>> e) -> e.getValue().size())
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
                        sum(e.getValue(), TestRide::totalAmount),
                        average(e.getValue(), TestRide::fareAmount))));
    return rows;
  }

  private List<CategoryStats> categories(List<String> names, Function<TestRide, String> category) {
    List<CategoryStats> rows = new ArrayList<>();
    for (String name : names) {
      List<TestRide> in = rides.stream().filter(r -> category.apply(r).equals(name)).toList();
      rows.add(
          new CategoryStats(
              name,
              in.size(),
              in.isEmpty() ? null : average(in, TestRide::fareAmount),
              in.isEmpty() ? null : average(in, TestRide::tipPercentage),
              sum(in, TestRide::totalAmount)));
    }
    return rows;
  }

  static BigDecimal sum(List<TestRide> rides, Function<TestRide, BigDecimal> field) {
    return rides.stream().map(field).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  static BigDecimal average(List<TestRide> rides, Function<TestRide, BigDecimal> field) {
    return sum(rides, field).divide(BigDecimal.valueOf(rides.size()), 2, RoundingMode.HALF_UP);
  }
}
