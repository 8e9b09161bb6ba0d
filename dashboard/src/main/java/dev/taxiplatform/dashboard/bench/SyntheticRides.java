package dev.taxiplatform.dashboard.bench;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.core.ride.BusinessCalendar;
import dev.taxiplatform.core.ride.TaxiZone;
import dev.taxiplatform.core.ride.TaxiZones;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Synthetic rides for the benchmark, staged straight into {@code staging.stg_rides} as the loader
 * would leave them: the 265 TLC zones with Manhattan and the airports busiest, a daily demand
 * curve, yellow-cab-like fares, card tips, airport tolls.
 */
public final class SyntheticRides {
  private static final int BATCH = 100_000;
  private static final BusinessCalendar CALENDAR =
      new BusinessCalendar(BusinessCalendar.DEFAULT_ZONE);
  private static final double[] HOURLY_DEMAND = {
    2.6, 1.8, 1.2, 0.9, 0.8, 1.0, 2.0, 3.6, 4.6, 4.6, 4.4, 4.5, 4.7, 4.7, 5.0, 5.3, 5.5, 6.2, 6.6,
    6.3, 5.6, 5.2, 4.6, 3.6
  };

  private final List<TaxiZone> zones;
  private final double[] zoneWeights;
  private final double[] hourWeights;

  SyntheticRides() {
    this.zones =
        TaxiZones.standard().all().stream().filter(z -> z.id() != 264 && z.id() != 265).toList();
    this.zoneWeights =
        cumulative(
            zones.stream()
                .mapToDouble(
                    z ->
                        switch (z.serviceZone()) {
                          case "Yellow Zone" -> 12;
                          case "Airports" -> 8;
                          case "EWR" -> 1;
                          default -> 1;
                        })
                .toArray());
    this.hourWeights = cumulative(HOURLY_DEMAND);
  }

  /**
   * Stages {@code count} rides over the {@code days} days ending with {@code lastDay}; returns how
   * many were staged.
   */
  long stage(WarehouseConnection warehouse, long count, int days, LocalDate lastDay, long seed) {
    requireNonNull(warehouse, "warehouse");
    Random random = new Random(seed);
    LocalDate firstDay = lastDay.minusDays(days - 1L);
    try (Connection connection = warehouse.open()) {
      connection.setAutoCommit(false);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      long staged = 0;
      while (staged < count) {
        int batch = (int) Math.min(BATCH, count - staged);
        StringBuilder csv = new StringBuilder(batch * 260);
        for (int i = 0; i < batch; i++) {
          ride(csv, new UUID(seed, staged + i), random, firstDay, days);
        }
        copy.copyIn(StagedRideCsv.COPY, new StringReader(csv.toString()));
        staged += batch;
      }
      connection.commit();
      return staged;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot stage the benchmark's rides: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void ride(StringBuilder csv, UUID id, Random random, LocalDate firstDay, int days) {
    TaxiZone pickup = zones.get(pick(zoneWeights, random));
    TaxiZone dropoff = zones.get(pick(zoneWeights, random));
    if (random.nextDouble() < 0.6 && !dropoff.borough().equals(pickup.borough())) {
      dropoff = pickup;
    }
    int hour = pick(hourWeights, random);
    LocalDateTime time =
        firstDay
            .plusDays(random.nextInt(days))
            .atTime(hour, random.nextInt(60), random.nextInt(60));
    boolean airport =
        pickup.serviceZone().equals("Airports") || dropoff.serviceZone().equals("Airports");
    double miles =
        pickup.id() == dropoff.id()
            ? 0.3 + random.nextDouble() * 1.7
            : Math.min(40, Math.exp(0.9 + random.nextGaussian() * 0.6) + (airport ? 9 : 0));
    double minutes = 3 + miles / (8 + random.nextDouble() * 12) * 60;
    double fare = 3.00 + 2.50 * miles + 0.35 * minutes;
    double draw = random.nextDouble();
    String payment =
        draw < 0.68 ? "credit_card" : draw < 0.95 ? "cash" : draw < 0.98 ? "no_charge" : "dispute";
    double tip =
        payment.equals("credit_card") && random.nextDouble() < 0.85
            ? fare * (0.10 + random.nextDouble() * 0.20)
            : 0;
    double tolls = airport && miles > 10 && random.nextDouble() < 0.5 ? 6.94 : 0;
    double surcharge = 0.80 + (pickup.borough().equals("Manhattan") ? 2.50 : 0);
    long fareCents = Math.round(fare * 100);
    long tipCents = Math.round(tip * 100);
    long tollsCents = Math.round(tolls * 100);
    long totalCents = fareCents + tipCents + tollsCents + Math.round(surcharge * 100);
    // The demand model's hours are local: the instant is that local time's, and the calendar
    // fields follow it as the batch job derives them.
    Instant instant = time.atZone(CALENDAR.zone()).toInstant();
    StagedRideCsv.append(
        csv,
        new ProcessedRide(
            id.toString(),
            instant,
            pickup.id(),
            pickup.name(),
            pickup.borough(),
            dropoff.id(),
            dropoff.name(),
            dropoff.borough(),
            passengers(random),
            BigDecimal.valueOf(Math.round(miles * 100), 2),
            BigDecimal.valueOf(Math.round(minutes * 100), 2),
            payment,
            airport ? "jfk" : "standard",
            BigDecimal.valueOf(fareCents, 2),
            BigDecimal.valueOf(tipCents, 2),
            BigDecimal.valueOf(tollsCents, 2),
            BigDecimal.valueOf(totalCents, 2),
            CALENDAR));
  }

  private static int passengers(Random random) {
    double draw = random.nextDouble();
    return draw < 0.70 ? 1 : draw < 0.85 ? 2 : 3 + random.nextInt(4);
  }

  private static double[] cumulative(double[] weights) {
    double[] sums = new double[weights.length];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      total += weights[i];
      sums[i] = total;
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] /= total;
    }
    return sums;
  }

  private static int pick(double[] cumulative, Random random) {
    double draw = random.nextDouble();
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (cumulative[middle] < draw) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
