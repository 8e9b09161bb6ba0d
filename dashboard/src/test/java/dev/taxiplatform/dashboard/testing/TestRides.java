package dev.taxiplatform.dashboard.testing;

import dev.taxiplatform.core.connect.WarehouseConnection;
import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.core.ride.BusinessCalendar;
import dev.taxiplatform.core.ride.TaxiZone;
import dev.taxiplatform.core.ride.TaxiZones;
import dev.taxiplatform.dashboard.bench.StagedRideCsv;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Rides whose every figure the tests know: generated deterministically over five days, plus a
 * hand-made day of four rides whose panels the tests spell out literally. Days and times are local
 * to the platform's default business time zone (the dashboard's), and every derived column is the
 * processed-ride contract's ({@link ProcessedRide}).
 */
public final class TestRides {
  /** The business calendar the rides' dates and hours are in. */
  public static final BusinessCalendar CALENDAR =
      new BusinessCalendar(BusinessCalendar.DEFAULT_ZONE);

  /** The generated rides' first (local) date; they cover five days from it. */
  public static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 20);

  /** The hand-made (local) day, after a day without rides. */
  public static final LocalDate HANDMADE_DAY = LocalDate.of(2026, 11, 26);

  private static final int[] ZONES = {
    1, 13, 43, 48, 61, 68, 79, 87, 90, 100, 107, 113, 132, 138, 140, 141, 142, 161, 162, 163, 164,
    170, 186, 230, 236, 237, 239, 246, 249, 7, 74, 181, 69, 5
  };
  private static final String[] PAYMENTS = {
    "credit_card",
    "credit_card",
    "credit_card",
    "credit_card",
    "cash",
    "cash",
    "no_charge",
    "dispute"
  };

  private TestRides() {}

  /** {@code count} rides over the five days from {@link #FIRST_DAY}. */
  public static List<ProcessedRide> generated(long seed, int count) {
    TaxiZones zones = TaxiZones.standard();
    Random random = new Random(seed);
    List<ProcessedRide> rides = new ArrayList<>();
    Instant start = FIRST_DAY.atStartOfDay(CALENDAR.zone()).toInstant();
    for (int i = 0; i < count; i++) {
      TaxiZone pickup = zones.get(ZONES[random.nextInt(ZONES.length)]);
      TaxiZone dropoff = zones.get(ZONES[random.nextInt(ZONES.length)]);
      Instant ts = start.plusSeconds(random.nextInt(5 * 24 * 3600));
      BigDecimal distance = money(0.3 + Math.pow(random.nextDouble(), 2) * 24);
      BigDecimal fare = money(3 + distance.doubleValue() * 2.5);
      String payment = PAYMENTS[random.nextInt(PAYMENTS.length)];
      BigDecimal tip =
          payment.equals("credit_card") && random.nextInt(6) != 0
              ? money(fare.doubleValue() * (0.1 + random.nextDouble() * 0.2))
              : BigDecimal.ZERO.setScale(2);
      BigDecimal tolls =
          distance.doubleValue() > 8 && random.nextInt(4) == 0
              ? new BigDecimal("6.94")
              : BigDecimal.ZERO.setScale(2);
      rides.add(
          new ProcessedRide(
              new UUID(seed, i).toString(),
              ts,
              pickup.id(),
              pickup.name(),
              pickup.borough(),
              dropoff.id(),
              dropoff.name(),
              dropoff.borough(),
              1 + random.nextInt(6),
              distance,
              money(5 + distance.doubleValue() * 3),
              payment,
              "standard",
              fare,
              tip,
              tolls,
              fare.add(tip).add(tolls).add(new BigDecimal("1.50")),
              CALENDAR));
    }
    return rides;
  }

  /** Four rides on {@link #HANDMADE_DAY}; the tests state their panels literally. */
  public static List<ProcessedRide> handmade() {
    TaxiZones zones = TaxiZones.standard();
    return List.of(
        ride(
            zones,
            "hand-1",
            "08:05:00",
            132,
            230,
            3,
            "17.20",
            "credit_card",
            "70.00",
            "14.00",
            "6.94",
            "94.44"),
        ride(
            zones,
            "hand-2",
            "08:40:30",
            161,
            237,
            1,
            "1.50",
            "cash",
            "9.30",
            "0.00",
            "0.00",
            "12.80"),
        ride(
            zones,
            "hand-3",
            "17:12:00",
            161,
            161,
            2,
            "0.80",
            "credit_card",
            "6.50",
            "1.95",
            "0.00",
            "11.95"),
        ride(
            zones,
            "hand-4",
            "23:59:59",
            138,
            61,
            1,
            "9.10",
            "credit_card",
            "31.70",
            "6.34",
            "0.00",
            "41.54"));
  }

  private static ProcessedRide ride(
      TaxiZones zones,
      String id,
      String time,
      int pickupId,
      int dropoffId,
      int passengers,
      String distance,
      String payment,
      String fare,
      String tip,
      String tolls,
      String total) {
    TaxiZone pickup = zones.get(pickupId);
    TaxiZone dropoff = zones.get(dropoffId);
    return new ProcessedRide(
        id,
        HANDMADE_DAY.atTime(LocalTime.parse(time)).atZone(CALENDAR.zone()).toInstant(),
        pickup.id(),
        pickup.name(),
        pickup.borough(),
        dropoff.id(),
        dropoff.name(),
        dropoff.borough(),
        passengers,
        new BigDecimal(distance),
        new BigDecimal("20.00"),
        payment,
        "standard",
        new BigDecimal(fare),
        new BigDecimal(tip),
        new BigDecimal(tolls),
        new BigDecimal(total),
        CALENDAR);
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }

  /** Copies rides into {@code staging.stg_rides} (which the warehouse migrations created). */
  public static void stage(WarehouseConnection warehouse, List<ProcessedRide> rides) {
    StringBuilder csv = new StringBuilder();
    rides.forEach(ride -> StagedRideCsv.append(csv, ride));
    try (Connection connection = warehouse.open()) {
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(StagedRideCsv.COPY, new StringReader(csv.toString()));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
