package dev.taxiplatform.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The NYC TLC taxi zones (265, with borough and service zone), read from the classpath resource
 * {@code taxi_zone_lookup.csv}. Zone 264 ({@code Unknown}) is kept out: a ride there has no known
 * zone.
 */
public final class ZoneLookup {
  /** The TLC's id for "zone unknown". */
  public static final int UNKNOWN_ZONE = 264;

  static final String RESOURCE = "/taxi_zone_lookup.csv";

  /**
   * One zone.
   *
   * @param id the TLC LocationID
   * @param borough its borough
   * @param name its name
   * @param serviceZone its service zone
   */
  public record Zone(int id, String borough, String name, String serviceZone) {}

  private ZoneLookup() {}

  /** The known zones, in id order. */
  public static List<Zone> zones() {
    List<Zone> zones = new ArrayList<>();
    try (InputStream in = ZoneLookup.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The zone lookup " + RESOURCE + " is not on the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        Zone zone = new Zone(Integer.parseInt(fields[0].trim()), fields[1], fields[2], fields[3]);
        if (zone.id() != UNKNOWN_ZONE) {
          zones.add(zone);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zones;
  }

  /** The zones as a small data set with columns {@code zone_id, borough, zone_name}. */
  public static Dataset<Row> dataset(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("zone_id", DataTypes.IntegerType, false)
            .add("borough", DataTypes.StringType, false)
            .add("zone_name", DataTypes.StringType, false);
    List<Row> rows =
        zones().stream().map(z -> RowFactory.create(z.id(), z.borough(), z.name())).toList();
    return spark.createDataFrame(rows, schema);
  }
}
