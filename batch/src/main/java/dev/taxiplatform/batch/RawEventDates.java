package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.ride.BusinessCalendar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The event dates of raw objects' rows (as {@link RideDatasets#eventDates} defines them), found
 * without a Spark job over the objects, which costs a second or so of a small run: the driver reads
 * each object's {@code event_timestamp} column.
 *
 * <p>A value in the sink's shape, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, lies in the UTC hour its
 * first 13 characters name, so the dates of every instant of that hour cover it; a run then checks
 * at most a date more than its rows have, never one less. The few values of other shapes (offsets,
 * text that is no time) are parsed by the job's own SQL expression, over a local relation that
 * Spark evaluates in the driver. Past {@code otherShapesLimit} distinct ones, or for one longer
 * than 100 bytes, Spark's job over the rows finds the dates instead, so the driver holds little.
 */
final class RawEventDates {
  /** Distinct values of other shapes past which Spark's job over the rows finds the dates. */
  static final int OTHER_SHAPES_LIMIT = 10_000;

  private static final int HOUR_PREFIX = "yyyy-MM-ddTHH".length();

  /** A value of another shape longer than this (padding, say) leaves the dates to Spark's job. */
  private static final int OTHER_SHAPE_MAX_BYTES = 100;

  private final SparkSession spark;
  private final BusinessCalendar calendar;
  private final int otherShapesLimit;

  RawEventDates(SparkSession spark, BusinessCalendar calendar, int otherShapesLimit) {
    this.spark = requireNonNull(spark, "spark");
    this.calendar = requireNonNull(calendar, "calendar");
    this.otherShapesLimit = otherShapesLimit;
  }

  /**
   * The event dates ({@code yyyy-MM-dd}) of the rows of the raw objects at {@code paths}; {@code
   * raw} reads the same objects, for Spark's job when the values' shapes call for it.
   */
  Set<String> of(List<String> paths, Dataset<Row> raw) {
    Timestamps all = new Timestamps();
    for (Timestamps timestamps :
        ParallelReads.map(paths, this::read, "reading raw event timestamps")) {
      all.addAll(timestamps);
    }
    if (all.leftToSpark()) {
      return RideDatasets.eventDates(raw, calendar);
    }
    Set<String> dates = new TreeSet<>();
    Set<String> others = new HashSet<>(all.others);
    for (String hour : all.hours) {
      Instant start = hourStart(hour);
      if (start == null) {
        others.add(hour);
      } else {
        calendar
            .dates(start, start.plus(1, ChronoUnit.HOURS))
            .forEach(d -> dates.add(d.toString()));
      }
    }
    dates.addAll(parsedBySpark(others));
    return dates;
  }

  /**
   * Raw timestamps: the distinct UTC hours of those in the sink's shape, and the distinct others,
   * until there are too many of those (or one too long) to hold in the driver.
   */
  private final class Timestamps {
    private final Set<String> hours = new HashSet<>();
    private final Set<String> others = new HashSet<>();
    private boolean tooLong;

    void add(Binary value) {
      byte[] bytes = value.getBytesUnsafe();
      if (inSinkShape(bytes)) {
        hours.add(new String(bytes, 0, HOUR_PREFIX, StandardCharsets.US_ASCII));
      } else if (bytes.length > OTHER_SHAPE_MAX_BYTES) {
        tooLong = true;
      } else {
        others.add(value.toStringUsingUTF8());
      }
    }

    void addAll(Timestamps more) {
      hours.addAll(more.hours);
      others.addAll(more.others);
      tooLong |= more.tooLong;
    }

    /** Past the limits the dates are left to Spark's job; reading on would only hold more. */
    boolean leftToSpark() {
      return tooLong || others.size() > otherShapesLimit;
    }
  }

  private Timestamps read(String path) {
    Timestamps timestamps = new Timestamps();
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(new Path(path), spark.sparkContext().hadoopConfiguration()))) {
      MessageType file = reader.getFooter().getFileMetaData().getSchema();
      MessageType column = new MessageType(file.getName(), file.getType("event_timestamp"));
      reader.setRequestedSchema(column);
      ColumnDescriptor descriptor = column.getColumns().get(0);
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      PageReadStore rowGroup;
      while (!timestamps.leftToSpark() && (rowGroup = reader.readNextRowGroup()) != null) {
        ColumnReader values =
            new ColumnReadStoreImpl(
                    rowGroup,
                    new GroupRecordConverter(column).getRootConverter(),
                    column,
                    createdBy)
                .getColumnReader(descriptor);
        // A top-level column that is not repeated holds one value (or null) per row.
        for (long row = rowGroup.getRowCount(); row > 0 && !timestamps.leftToSpark(); row--) {
          if (values.getCurrentDefinitionLevel() == descriptor.getMaxDefinitionLevel()) {
            timestamps.add(values.getBinary());
          }
          values.consume();
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Reading event_timestamp of %s failed: %s".formatted(path, e.getMessage()), e);
    }
    return timestamps;
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, with 1 to 9 digits of fraction. */
  static boolean inSinkShape(byte[] text) {
    int length = text.length;
    if (length < 20 || length == 21 || length > 30 || text[length - 1] != 'Z') {
      return false;
    }
    String pattern = "dddd-dd-ddTdd:dd:dd";
    for (int i = 0; i < pattern.length(); i++) {
      char expected = pattern.charAt(i);
      byte actual = text[i];
      if (expected == 'd' ? actual < '0' || actual > '9' : actual != expected) {
        return false;
      }
    }
    if (length > 20 && text[19] != '.') {
      return false;
    }
    for (int i = 20; i < length - 1; i++) {
      if (text[i] < '0' || text[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /** The start of the UTC hour {@code yyyy-MM-ddTHH}; null when no such hour exists. */
  private static Instant hourStart(String hour) {
    try {
      return LocalDateTime.of(
              Integer.parseInt(hour.substring(0, 4)),
              Integer.parseInt(hour.substring(5, 7)),
              Integer.parseInt(hour.substring(8, 10)),
              Integer.parseInt(hour.substring(11, 13)),
              0)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private Set<String> parsedBySpark(Set<String> values) {
    Set<String> dates = new TreeSet<>();
    if (values.isEmpty()) {
      return dates;
    }
    List<Row> rows = values.stream().map(v -> RowFactory.create(v)).toList();
    StructType schema = new StructType().add("event_timestamp", DataTypes.StringType);
    for (Row row :
        spark
            .createDataFrame(rows, schema)
            .select(RideDatasets.eventDate(calendar))
            .collectAsList()) {
      if (!row.isNullAt(0)) {
        dates.add(row.getString(0));
      }
    }
    return dates;
  }
}
