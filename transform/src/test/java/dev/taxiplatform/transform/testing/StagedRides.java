package dev.taxiplatform.transform.testing;

import dev.taxiplatform.core.processed.ProcessedRide;
import dev.taxiplatform.core.ride.BusinessCalendar;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Generates rides deterministically and loads them into {@code staging.stg_rides}, created as the
 * data contract defines it. The rides are the platform's processed-ride contract ({@link
 * ProcessedRide}, from {@code core}): every derived column is the contract's, in the platform's
 * default business time zone.
 */
public final class StagedRides {
  private static final String[][] ZONES = {
    {"Manhattan", "Midtown Center"},
    {"Manhattan", "Upper East Side South"},
    {"Queens", "JFK Airport"},
    {"Queens", "LaGuardia Airport"},
    {"Brooklyn", "Park Slope"},
    {"Brooklyn", "Williamsburg (North Side)"},
    {"Bronx", "Fordham South"},
    {"Staten Island", "Arden Heights"},
    {"EWR", "Newark Airport"},
    {"Manhattan", "Times Sq/Theatre District"}
  };
  private static final String[] PAYMENTS = {
    "credit_card", "credit_card", "credit_card", "cash", "no_charge", "dispute"
  };
  private static final String[] RATES = {"standard", "jfk", "newark", "negotiated"};

  private StagedRides() {}

  public static final String DDL = dev.taxiplatform.transform.bench.StagingTable.DDL;

  /** The business calendar the rides' dates and hours are in. */
  public static final BusinessCalendar CALENDAR =
      new BusinessCalendar(BusinessCalendar.DEFAULT_ZONE);

  /** {@code count} rides from {@code seed}, spread over two days. */
  public static List<ProcessedRide> generate(long seed, int count) {
    Random random = new Random(seed);
    List<ProcessedRide> rides = new ArrayList<>();
    Instant start = Instant.parse("2026-11-20T00:00:00Z");
    for (int i = 0; i < count; i++) {
      int pickup = random.nextInt(ZONES.length);
      int dropoff = random.nextInt(ZONES.length);
      Instant ts = start.plusSeconds(random.nextInt(2 * 24 * 3600));
      BigDecimal distance = money(0.3 + random.nextDouble() * 18);
      BigDecimal duration = money(3 + random.nextDouble() * 50);
      BigDecimal fare = money(3 + distance.doubleValue() * 2.5);
      String payment = PAYMENTS[random.nextInt(PAYMENTS.length)];
      BigDecimal tip =
          payment.equals("cash") || random.nextInt(5) == 0
              ? BigDecimal.ZERO.setScale(2)
              : money(fare.doubleValue() * (0.05 + random.nextDouble() * 0.25));
      BigDecimal tolls =
          random.nextInt(6) == 0 ? new BigDecimal("6.94") : BigDecimal.ZERO.setScale(2);
      BigDecimal total = fare.add(tip).add(tolls).add(new BigDecimal("1.50"));
      rides.add(
          new ProcessedRide(
              new UUID(seed, i).toString(),
              ts,
              pickup + 1,
              ZONES[pickup][1],
              ZONES[pickup][0],
              dropoff + 1,
              ZONES[dropoff][1],
              ZONES[dropoff][0],
              1 + random.nextInt(6),
              distance,
              duration,
              payment,
              RATES[random.nextInt(RATES.length)],
              fare,
              tip,
              tolls,
              total,
              CALENDAR));
    }
    return rides;
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }

  /** Creates the table if needed and copies the rides in (existing ids are skipped). */
  public static void load(TestDatabase database, List<ProcessedRide> rides) {
    database.execute(DDL);
    StringBuilder csv = new StringBuilder();
    for (ProcessedRide r : rides) {
      csv.append(
              String.join(
                  ",",
                  r.rideId(),
                  r.eventTs().toString(),
                  r.eventDate().toString(),
                  Integer.toString(r.eventHour()),
                  Integer.toString(r.pickupZoneId()),
                  quote(r.pickupZoneName()),
                  r.pickupBorough(),
                  Integer.toString(r.dropoffZoneId()),
                  quote(r.dropoffZoneName()),
                  r.dropoffBorough(),
                  Integer.toString(r.passengerCount()),
                  r.distance().toPlainString(),
                  r.duration().toPlainString(),
                  r.paymentType(),
                  r.rateCode(),
                  r.fare().toPlainString(),
                  r.tip().toPlainString(),
                  r.tolls().toPlainString(),
                  r.total().toPlainString(),
                  r.farePerMile().toPlainString(),
                  r.farePerMinute().toPlainString(),
                  r.tipPercentage().toPlainString(),
                  Boolean.toString(r.rushHour()),
                  Boolean.toString(r.weekend())))
          .append('\n');
    }
    try (Connection connection = database.connect()) {
      connection
          .createStatement()
          .execute("create temporary table incoming (like staging.stg_rides including defaults)");
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "copy incoming (ride_id, event_ts, event_date, event_hour, pickup_zone_id,"
                  + " pickup_zone_name, pickup_borough, dropoff_zone_id, dropoff_zone_name,"
                  + " dropoff_borough, passenger_count, trip_distance_miles, duration_minutes,"
                  + " payment_type, rate_code, fare_amount, tip_amount, tolls_amount, total_amount,"
                  + " fare_per_mile, fare_per_minute, tip_percentage, is_rush_hour, is_weekend)"
                  + " from stdin with (format csv)",
              new StringReader(csv.toString()));
      connection
          .createStatement()
          .execute(
              "insert into staging.stg_rides select * from incoming on conflict (ride_id) do nothing");
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quote(String text) {
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
