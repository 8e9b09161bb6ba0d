package dev.taxiplatform.ingest.sink;

import dev.taxiplatform.core.ride.RideEvent;
import dev.taxiplatform.core.ride.RideField;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The raw Parquet format of ride events ({@code docs/data-contracts.md}): one required column per
 * {@link RideField}, strings as UTF-8 {@code BINARY}, integers as {@code INT32}, numbers as {@code
 * DOUBLE}; one row group per file.
 */
public final class RideParquet {
  /** The raw files' schema. */
  public static final MessageType SCHEMA = schema();

  private static final long ROW_GROUP_BYTES = 512L * 1024 * 1024;
  private static final int PAGE_BYTES = 1024 * 1024;

  private RideParquet() {}

  /** The codec for a {@code sink.compression} value. */
  public static CompressionCodecName codec(String compression) {
    return switch (compression) {
      case "zstd" -> CompressionCodecName.ZSTD;
      case "snappy" -> CompressionCodecName.SNAPPY;
      case "gzip" -> CompressionCodecName.GZIP;
      case "none" -> CompressionCodecName.UNCOMPRESSED;
      default -> throw new IllegalArgumentException("Unknown compression " + compression);
    };
  }

  /** A writer of ride rows to {@code file}. */
  static ParquetWriter<RideEvent> writer(OutputFile file, CompressionCodecName codec)
      throws IOException {
    return new Builder(file)
        .withConf(new Configuration(false))
        .withCompressionCodec(codec)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withPageSize(PAGE_BYTES)
        .withDictionaryPageSize(PAGE_BYTES)
        .withDictionaryEncoding(true)
        // Unique per ride: a dictionary would only be built to be thrown away.
        .withDictionaryEncoding(RideField.RIDE_ID.jsonName(), false)
        .withDictionaryEncoding(RideField.EVENT_TIMESTAMP.jsonName(), false)
        .withValidation(false)
        // Readers verify them: damage inside a page is found instead of read as data.
        .withPageWriteChecksumEnabled(true)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  private static MessageType schema() {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (RideField field : RideField.ALL) {
      switch (field.type()) {
        case STRING ->
            builder
                .required(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(field.jsonName());
        case INTEGER -> builder.required(PrimitiveTypeName.INT32).named(field.jsonName());
        case NUMBER -> builder.required(PrimitiveTypeName.DOUBLE).named(field.jsonName());
      }
    }
    return builder.named("ride");
  }

  private static final class Builder extends ParquetWriter.Builder<RideEvent, Builder> {
    Builder(OutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in Parquet 1.17: it must be implemented
    protected WriteSupport<RideEvent> getWriteSupport(Configuration conf) {
      return new RideWriteSupport();
    }
  }

  /** Writes one ride as one row; repeated strings (zones, boroughs, codes) are encoded once. */
  private static final class RideWriteSupport extends WriteSupport<RideEvent> {
    private static final int MAX_CACHED_STRINGS = 4096;

    private final Map<String, Binary> strings = new HashMap<>();
    private RecordConsumer consumer;

    @Override
    @SuppressWarnings("deprecation") // abstract in Parquet 1.17: it must be implemented
    public WriteContext init(Configuration configuration) {
      return new WriteContext(SCHEMA, Map.of("writer.model.name", "taxi-platform-ride"));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(RideEvent ride) {
      consumer.startMessage();
      string(RideField.RIDE_ID, Binary.fromString(ride.rideId()));
      string(RideField.EVENT_TIMESTAMP, Binary.fromString(ride.eventTimestamp()));
      integer(RideField.PICKUP_ZONE_ID, ride.pickupZoneId());
      string(RideField.PICKUP_ZONE_NAME, cached(ride.pickupZoneName()));
      string(RideField.PICKUP_BOROUGH, cached(ride.pickupBorough()));
      integer(RideField.DROPOFF_ZONE_ID, ride.dropoffZoneId());
      string(RideField.DROPOFF_ZONE_NAME, cached(ride.dropoffZoneName()));
      string(RideField.DROPOFF_BOROUGH, cached(ride.dropoffBorough()));
      integer(RideField.PASSENGER_COUNT, ride.passengerCount());
      number(RideField.TRIP_DISTANCE_MILES, ride.tripDistanceMiles());
      number(RideField.DURATION_MINUTES, ride.durationMinutes());
      string(RideField.PAYMENT_TYPE, cached(ride.paymentType().wireName()));
      string(RideField.RATE_CODE, cached(ride.rateCode().wireName()));
      number(RideField.FARE_AMOUNT, ride.fareAmount());
      number(RideField.TIP_AMOUNT, ride.tipAmount());
      number(RideField.TOLLS_AMOUNT, ride.tollsAmount());
      number(RideField.TOTAL_AMOUNT, ride.totalAmount());
      consumer.endMessage();
    }

    private Binary cached(String value) {
      Binary binary = strings.get(value);
      if (binary == null) {
        binary =
            Binary.fromConstantByteArray(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (strings.size() < MAX_CACHED_STRINGS) {
          strings.put(value, binary);
        }
      }
      return binary;
    }

    private void string(RideField field, Binary value) {
      consumer.startField(field.jsonName(), field.ordinal());
      consumer.addBinary(value);
      consumer.endField(field.jsonName(), field.ordinal());
    }

    private void integer(RideField field, int value) {
      consumer.startField(field.jsonName(), field.ordinal());
      consumer.addInteger(value);
      consumer.endField(field.jsonName(), field.ordinal());
    }

    private void number(RideField field, double value) {
      consumer.startField(field.jsonName(), field.ordinal());
      consumer.addDouble(value);
      consumer.endField(field.jsonName(), field.ordinal());
    }
  }
}
