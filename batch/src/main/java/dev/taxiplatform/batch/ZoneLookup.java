package dev.taxiplatform.batch;

import dev.taxiplatform.core.ride.TaxiZone;
import dev.taxiplatform.core.ride.TaxiZones;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The zones a cleaned ride may name: the platform's TLC zone lookup ({@link TaxiZones}) without
 * zone 264 ({@code Unknown}), since a ride there has no known zone.
 */
public final class ZoneLookup {
  /** The TLC's id for "zone unknown". */
  public static final int UNKNOWN_ZONE = 264;

  private ZoneLookup() {}

  /** The known zones, in id order. */
  public static List<TaxiZone> zones() {
    return TaxiZones.standard().all().stream().filter(z -> z.id() != UNKNOWN_ZONE).toList();
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
