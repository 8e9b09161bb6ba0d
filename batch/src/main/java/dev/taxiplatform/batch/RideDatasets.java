package dev.taxiplatform.batch;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;

import dev.taxiplatform.core.ride.BusinessCalendar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The batch run's data sets, wherever the raw rows are read from and the results written to: the
 * job builds its run from them, and the batch service's warm-up runs the same queries on local
 * files.
 */
final class RideDatasets {
  /** The column {@link #byDateSlot} adds: the partition of a ride's date. */
  static final String DATE_SLOT = "date_slot";

  private RideDatasets() {}

  /** Raw ride objects in the raw schema, with {@code source_object}, the object each row is in. */
  static Dataset<Row> readRaw(SparkSession spark, String... paths) {
    return readRaw(spark, filePath -> filePath, paths);
  }

  /**
   * Raw ride objects in the raw schema, with {@code source_object}, the object each row is in, made
   * of the path of the file read by {@code sourceObject}.
   */
  static Dataset<Row> readRaw(
      SparkSession spark, Function<Column, Column> sourceObject, String... paths) {
    return spark
        .read()
        .schema(RawRideSchema.SCHEMA)
        .parquet(paths)
        .withColumn("source_object", sourceObject.apply(col("_metadata.file_path")));
  }

  /**
   * {@code classified} rows, counting them ({@code rows}) and the quarantined ones ({@code
   * quarantined}) into {@code counts} as a job reads them: per rule only where the quarantined rows
   * are written ({@link #quarantined}), not over every row.
   */
  static Dataset<Row> counted(Dataset<Row> classified, Observation counts) {
    List<Column> columns = rowCounts();
    return classified.observe(counts, columns.get(0), columns.get(1));
  }

  /** The row count ({@code rows}) and the quarantined rows' count ({@code quarantined}). */
  static List<Column> rowCounts() {
    return List.of(count(lit(1)).as("rows"), count(col(RideRules.RULE_COLUMN)).as("quarantined"));
  }

  /** The processed rides of the rows that passed every rule, not seen in earlier runs. */
  static Dataset<Row> newRides(Dataset<Row> classified, BusinessCalendar calendar) {
    return RideEnrichment.enrich(classified.where(col(RideRules.RULE_COLUMN).isNull()), calendar);
  }

  /**
   * The event dates (in the business calendar, as {@code yyyy-MM-dd}) of the raw rows whose
   * timestamp parses: the dates whose earlier rides a run must check its rides against.
   */
  static Set<String> eventDates(Dataset<Row> raw, BusinessCalendar calendar) {
    Set<String> dates = new TreeSet<>();
    raw.select(eventDate(calendar))
        .where(col("event_date").isNotNull())
        .distinct()
        .collectAsList()
        .forEach(row -> dates.add(row.getString(0)));
    return dates;
  }

  /**
   * {@code event_date} ({@code yyyy-MM-dd}) of a raw row's {@code event_timestamp}, null when it
   * does not parse.
   */
  static Column eventDate(BusinessCalendar calendar) {
    return expr("to_date(" + calendar.localTimestampSql(RideRules.EVENT_TS_SQL) + ")")
        .cast("string")
        .as("event_date");
  }

  /**
   * Rides earlier runs wrote ({@code ride_id}, {@code event_date}), to drop seen again: the files
   * {@code paths} under {@code ridesRoot}, read with the schema of those two columns in {@code
   * newRides}, so Spark reads no footer to plan.
   */
  static Dataset<Row> prior(
      SparkSession spark, Dataset<Row> newRides, String ridesRoot, String... paths) {
    return written(spark, newRides.select("ride_id", "event_date").schema(), ridesRoot, paths);
  }

  /**
   * Rides files {@code paths} under {@code ridesRoot} (their {@code event_date} from their path),
   * read with {@code schema}, so Spark reads no footer to plan; no rows when there are no paths.
   */
  static Dataset<Row> written(
      SparkSession spark, StructType schema, String ridesRoot, String... paths) {
    if (paths.length == 0) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark
        .read()
        .schema(schema)
        .option("basePath", ridesRoot)
        .parquet(paths)
        .select(Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * The ride ids of {@code dates} ({@code yyyy-MM-dd}): those of {@code prior} (rides earlier runs
   * wrote, as {@link #prior} reads them) and of {@code rides} (this run's), with their event date.
   */
  static Dataset<Row> rideIds(Dataset<Row> prior, Dataset<Row> rides, Set<String> dates) {
    Column[] columns = {col("ride_id"), col("event_date")};
    Dataset<Row> ids =
        prior == null ? rides.select(columns) : prior.select(columns).union(rides.select(columns));
    return ids.where(col("event_date").cast("string").isin(dates.toArray()));
  }

  /**
   * A previous snapshot of {@code aggregate}, read with the schema the aggregate makes of {@code
   * rides}, so Spark reads no footer to plan.
   */
  static Dataset<Row> snapshot(
      SparkSession spark, RideAggregates aggregate, Dataset<Row> rides, String... paths) {
    return spark.read().schema(aggregate.snapshot(rides, Optional.empty()).schema()).parquet(paths);
  }

  /**
   * The first copy of each ride among {@code newRides} that no earlier run wrote ({@code prior},
   * null when there are none; {@link FirstOfGroups}: the earliest event, then the first object, the
   * least total and fare), named ({@link RideEnrichment#named}), counting them into {@code written}
   * as a job computes them.
   *
   * <p>The prior rides are only looked up: broadcast when {@code broadcastPrior}, so each new ride
   * is checked where it is, else both sides shuffled by ride. Either way they are neither sorted
   * with the new rides nor carried through their shuffle.
   *
   * <p>With {@code spreadByRide} the rides are spread over the partitions by date and ride, so one
   * date's rides are deduplicated by every core; the rides write then gathers each date in one task
   * ({@link #byDate}). Without, each date is one partition from the start ({@link #byDateSlot}): a
   * large run writes them straight from this query, not shuffled again, sorted only by date (a
   * radix sort on the date).
   */
  static Dataset<Row> firstCopies(
      Dataset<Row> newRides,
      Dataset<Row> prior,
      boolean broadcastPrior,
      int partitions,
      boolean spreadByRide,
      Observation written) {
    // The ride first: the groups' sort compares rows by an 8-byte prefix of its first key, and the
    // ride id's tells almost every pair of rows apart; the date's, few values, would tell none. The
    // date's slot follows from the date, so it splits no group; among the groups' keys, it lets
    // the partitioning by slot serve the grouping, and Spark adds no shuffle of its own.
    Column[] firstCopyOf =
        spreadByRide
            ? new Column[] {col("ride_id"), col("event_date")}
            : new Column[] {col("ride_id"), col("event_date"), col(DATE_SLOT)};
    Column[] firstCopyFirst = {
      col("event_ts").asc_nulls_last(),
      col("source_object").asc_nulls_last(),
      col("total_amount").asc_nulls_last(),
      col("fare_amount").asc_nulls_last()
    };
    Function<Dataset<Row>, Dataset<Row>> spread =
        spreadByRide
            ? rides -> rides.repartition(partitions, col("event_date"), col("ride_id"))
            : rides -> byDateSlot(rides, partitions);
    Dataset<Row> first = FirstOfGroups.of(spread.apply(newRides), firstCopyOf, firstCopyFirst);
    Dataset<Row> unseen = first;
    if (prior != null) {
      String[] ride = {"event_date", "ride_id"};
      unseen =
          broadcastPrior
              ? first.join(broadcast(prior), ride, "left_anti")
              : spread.apply(first.join(prior, ride, "left_anti"));
    }
    return RideEnrichment.named(unseen.observe(written, count(lit(1)).as("rows")));
  }

  /**
   * {@code rides} with {@value #DATE_SLOT}, the partition of their date, in that partition: each
   * date in one, and consecutive dates in turn in each, so the partitions hold about as many dates
   * (hashed, 30 dates made partitions of one date and of six).
   */
  static Dataset<Row> byDateSlot(Dataset<Row> rides, int partitions) {
    Dataset<Row> slotted =
        rides.withColumn(DATE_SLOT, pmod(unix_date(col("event_date")), lit(partitions)));
    return slotted.repartitionById(partitions, col(DATE_SLOT));
  }

  /**
   * {@code rides} computed at once and kept (memory, spilling to local disk) until released, cut
   * from their lineage: writing under the rides prefix makes Spark drop cached plans that read it
   * (the prior rides do), and every later write would then run the deduplication again.
   */
  static Dataset<Row> kept(Dataset<Row> rides) {
    return rides.localCheckpoint(true, StorageLevel.MEMORY_AND_DISK());
  }

  /** {@code rides} gathered by date, each date in one partition, for the rides write. */
  static Dataset<Row> byDate(Dataset<Row> rides, int partitions) {
    return byDateSlot(rides, partitions).drop(DATE_SLOT);
  }

  /**
   * The {@code classified} raw rows that failed a rule, with the rule and their object, in one
   * partition, counted per rule into {@code byRule} ({@link #ruleCounts}) as a job reads them.
   */
  static Dataset<Row> quarantined(Dataset<Row> classified, Observation byRule) {
    List<Column> counts = ruleCounts();
    return quarantinedRows(classified)
        .observe(byRule, counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new))
        .repartition(1);
  }

  /** The {@code classified} raw rows that failed a rule, with the rule and their object. */
  static Dataset<Row> quarantinedRows(Dataset<Row> classified) {
    List<Column> columns = new ArrayList<>();
    RawRideSchema.COLUMNS.forEach(c -> columns.add(col(c.name())));
    columns.add(col(RideRules.RULE_COLUMN));
    columns.add(col("source_object"));
    return classified
        .where(col(RideRules.RULE_COLUMN).isNotNull())
        .select(columns.toArray(Column[]::new));
  }

  /** One count per rule, named by the rule, over quarantined rows. */
  static List<Column> ruleCounts() {
    List<Column> columns = new ArrayList<>();
    for (String rule : RideRules.names()) {
      columns.add(sum(when(col(RideRules.RULE_COLUMN).equalTo(rule), 1L).otherwise(0L)).as(rule));
    }
    return columns;
  }
}
