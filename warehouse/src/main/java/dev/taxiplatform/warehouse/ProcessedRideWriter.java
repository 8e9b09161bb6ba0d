package dev.taxiplatform.warehouse;

import dev.taxiplatform.core.processed.ProcessedRide;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes processed rides files with the physical schema the batch job's Spark writes (decimals as
 * INT32/INT64, timestamps as INT64 microseconds, {@code event_date} only in the path): for the
 * loader's tests and benchmark, which must not need Spark.
 */
public final class ProcessedRideWriter implements AutoCloseable {
  /** The processed rides schema as Spark writes it. */
  public static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          """
          message spark_schema {
            optional binary ride_id (STRING);
            optional int64 event_ts (TIMESTAMP(MICROS,true));
            optional int32 event_hour;
            optional int32 pickup_zone_id;
            optional binary pickup_zone_name (STRING);
            optional binary pickup_borough (STRING);
            optional int32 dropoff_zone_id;
            optional binary dropoff_zone_name (STRING);
            optional binary dropoff_borough (STRING);
            optional int32 passenger_count;
            optional int32 trip_distance_miles (DECIMAL(8,2));
            optional int32 duration_minutes (DECIMAL(8,2));
            optional binary payment_type (STRING);
            optional binary rate_code (STRING);
            optional int64 fare_amount (DECIMAL(10,2));
            optional int64 tip_amount (DECIMAL(10,2));
            optional int64 tolls_amount (DECIMAL(10,2));
            optional int64 total_amount (DECIMAL(10,2));
            optional int64 fare_per_mile (DECIMAL(10,2));
            optional int64 fare_per_minute (DECIMAL(10,2));
            optional int32 tip_percentage (DECIMAL(6,2));
            optional boolean is_rush_hour;
            optional boolean is_weekend;
          }
          """);

  private final ParquetWriter<Group> writer;
  private final SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);

  public ProcessedRideWriter(Path file) throws IOException {
    this.writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build();
  }

  public void write(ProcessedRide ride) throws IOException {
    Group group =
        groups
            .newGroup()
            .append("ride_id", ride.rideId())
            .append("event_ts", ChronoUnit.MICROS.between(java.time.Instant.EPOCH, ride.eventTs()))
            .append("event_hour", ride.eventHour())
            .append("pickup_zone_id", ride.pickupZoneId())
            .append("pickup_zone_name", ride.pickupZoneName())
            .append("pickup_borough", ride.pickupBorough())
            .append("dropoff_zone_id", ride.dropoffZoneId())
            .append("dropoff_zone_name", ride.dropoffZoneName())
            .append("dropoff_borough", ride.dropoffBorough())
            .append("passenger_count", ride.passengerCount())
            .append("trip_distance_miles", (int) unscaled(ride.distance()))
            .append("duration_minutes", (int) unscaled(ride.duration()))
            .append("payment_type", ride.paymentType())
            .append("rate_code", ride.rateCode())
            .append("fare_amount", unscaled(ride.fare()))
            .append("tip_amount", unscaled(ride.tip()))
            .append("tolls_amount", unscaled(ride.tolls()))
            .append("total_amount", unscaled(ride.total()))
            .append("fare_per_mile", unscaled(ride.farePerMile()))
            .append("fare_per_minute", unscaled(ride.farePerMinute()))
            .append("tip_percentage", (int) unscaled(ride.tipPercentage()))
            .append("is_rush_hour", ride.rushHour())
            .append("is_weekend", ride.weekend());
    writer.write(group);
  }

  private static long unscaled(BigDecimal value) {
    return value.setScale(2, java.math.RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
