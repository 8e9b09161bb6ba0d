package dev.taxiplatform.batch;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The raw ride files' columns (docs/data-contracts.md, "Raw objects"), all read as nullable. */
public final class RawRideSchema {
  /**
   * One raw column.
   *
   * @param name the column's name
   * @param type its Spark type
   * @param parquetType the Parquet primitive type it must have in a raw file
   */
  public record Column(String name, DataType type, String parquetType) {}

  public static final List<Column> COLUMNS =
      List.of(
          string("ride_id"),
          string("event_timestamp"),
          integer("pickup_zone_id"),
          string("pickup_zone_name"),
          string("pickup_borough"),
          integer("dropoff_zone_id"),
          string("dropoff_zone_name"),
          string("dropoff_borough"),
          integer("passenger_count"),
          decimal("trip_distance_miles"),
          decimal("duration_minutes"),
          string("payment_type"),
          string("rate_code"),
          decimal("fare_amount"),
          decimal("tip_amount"),
          decimal("tolls_amount"),
          decimal("total_amount"));

  /** The schema Spark reads raw files with; columns a file lacks read as null. */
  public static final StructType SCHEMA =
      new StructType(
          COLUMNS.stream()
              .map(
                  c ->
                      new StructField(
                          c.name(), c.type(), true, org.apache.spark.sql.types.Metadata.empty()))
              .toArray(StructField[]::new));

  private RawRideSchema() {}

  private static Column string(String name) {
    return new Column(name, DataTypes.StringType, "BINARY");
  }

  private static Column integer(String name) {
    return new Column(name, DataTypes.IntegerType, "INT32");
  }

  private static Column decimal(String name) {
    return new Column(name, DataTypes.DoubleType, "DOUBLE");
  }
}
