package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.toSet;

import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.BatchSettings;
import dev.taxiplatform.core.processed.BatchLedger;
import dev.taxiplatform.core.processed.BatchManifest;
import dev.taxiplatform.core.processed.ProcessedLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One run of the batch job: raw ride objects not processed before become cleaned, enriched,
 * deduplicated rides, quarantined rows and updated aggregates in the processed bucket.
 *
 * <p>Commit protocol: Spark writes the run's files in place under the output prefixes and reports
 * the files of the task attempts it accepted ({@link ManifestCommitProtocol}); the run's manifest,
 * naming them, is written last, and that write is the commit. Files no live manifest names belong
 * to a failed or superseded run: every run removes them first, and after its commit the files it
 * superseded (known from the manifests, without listing again); nothing downstream reads them. A
 * failed run is simply run again.
 */
public final class BatchJob {
  private static final Logger LOG = LoggerFactory.getLogger(BatchJob.class);

  /** Failure injection: tests install one to act inside a run's dangerous windows. */
  public interface Hook {
    /** No injection. */
    Hook NONE = sequence -> {};

    /** Called when a run has written all its files and is about to commit its manifest. */
    void beforeCommit(long sequence);
  }

  private static final String RIDES_WRITE = "rides";
  private static final String QUARANTINE_WRITE = "quarantine";
  private static final String RIDE_IDS_WRITE = "ride-ids";

  private final Supplier<SparkSession> spark;
  private final S3Client s3;
  private final String rawBucket;
  private final String processedBucket;
  private final BatchStorage storage;
  private final BatchSettings settings;
  private final BatchRunLock lock;
  private final Hook hook;
  private final Clock clock;

  /**
   * @param spark the session, asked for only once the run holds the lock and has raw objects to
   *     read (a run with nothing new never asks)
   */
  public BatchJob(
      Supplier<SparkSession> spark,
      S3Client s3,
      BatchStorage storage,
      BatchSettings settings,
      BatchRunLock lock,
      Hook hook,
      Clock clock) {
    this.spark = requireNonNull(spark, "spark");
    this.s3 = requireNonNull(s3, "s3");
    this.storage = requireNonNull(storage, "storage");
    this.rawBucket = storage.rawBucket();
    this.processedBucket = storage.processedBucket();
    this.settings = requireNonNull(settings, "settings");
    this.lock = requireNonNull(lock, "lock");
    this.hook = requireNonNull(hook, "hook");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Runs once, exclusively (another run on the same processed bucket fails with exit code 1);
   * {@code fullRefresh} reprocesses every raw object and supersedes earlier runs.
   */
  public BatchRunSummary run(boolean fullRefresh) {
    try (BatchRunLock.Held held = lock.acquire(processedBucket)) {
      return runLocked(fullRefresh, held);
    }
  }

  private BatchRunSummary runLocked(boolean fullRefresh, BatchRunLock.Held held) {
    long startNanos = System.nanoTime();
    Instant startedAt = clock.instant();
    BatchLedger ledger = BatchLedger.read(s3, processedBucket);
    int garbage = removeGarbage(ledger);
    RawInventory inventory = RawInventory.list(s3, rawBucket, storage.rawPrefix());
    List<BatchManifest.RawObject> pending =
        fullRefresh ? inventory.all() : inventory.unprocessed(ledger.consumedRawObjects());
    try (ObjectReads reads = rawReads(pending)) {
      long checkStart = System.nanoTime();
      List<BatchManifest.CorruptObject> corrupt = new ArrayList<>();
      if (!pending.isEmpty()) {
        ParquetCheck check =
            new ParquetCheck(spark.get().sparkContext().hadoopConfiguration(), reads::path);
        corrupt.addAll(check.unreadable(pending));
      }
      LOG.info("Checked {} raw objects in {}", pending.size(), since(checkStart));
      failOnCorrupt(corrupt);
      Set<String> corruptKeys = new HashSet<>();
      corrupt.forEach(c -> corruptKeys.add(c.key()));
      List<BatchManifest.RawObject> readable =
          pending.stream().filter(o -> !corruptKeys.contains(o.key())).toList();
      LOG.info(
          "{} raw objects listed, {} to process, {} unreadable",
          inventory.all().size(),
          readable.size(),
          corrupt.size());
      if (readable.isEmpty() && !fullRefresh) {
        return nothingProcessed(inventory, corrupt, garbage, startNanos);
      }
      long sequence = ledger.nextSequence();
      RunOutput output;
      while (true) {
        try {
          output = process(readable, ledger, fullRefresh, sequence, reads);
          break;
        } catch (Exception e) {
          Optional<BatchManifest.RawObject> damaged = damagedObjectNamedIn(e, readable);
          if (damaged.isEmpty() || settings.onCorrupt() != BatchSettings.OnCorrupt.SKIP) {
            throw new PlatformException(
                ExitCodes.FAILED,
                ("Batch run %d failed before committing, so nothing it wrote is visible; fix the cause"
                        + " and run again (its files are removed then). Cause: %s")
                    .formatted(sequence, firstLine(e)),
                e);
          }
          // Damage behind a readable footer shows only when Spark reads the data: skip the object
          // as if the check had found it, and process the rest from scratch.
          String key = damaged.get().key();
          LOG.warn("Raw object {} is damaged ({}); processing the others again", key, firstLine(e));
          corrupt.add(new BatchManifest.CorruptObject(key, "unreadable data: " + firstLine(e)));
          readable = readable.stream().filter(o -> !o.key().equals(key)).toList();
          garbage += removeGarbage(ledger);
          if (readable.isEmpty() && !fullRefresh) {
            return nothingProcessed(inventory, corrupt, garbage, startNanos);
          }
        }
      }
      BatchManifest manifest =
          new BatchManifest(
              BatchManifest.FORMAT,
              sequence,
              startedAt,
              clock.instant(),
              fullRefresh,
              readable,
              corrupt,
              output.ridesFiles(),
              output.quarantineFiles(),
              output.aggregates(),
              output.rideIds(),
              new BatchManifest.Counts(
                  output.rawRows(),
                  output.quarantinedByRule(),
                  output.duplicates(),
                  output.ridesWritten()));
      hook.beforeCommit(sequence);
      held.verify();
      BatchLedger.commit(s3, processedBucket, manifest);
      LOG.info("Run {} committed", sequence);
      BatchLedger committed = BatchLedger.read(s3, processedBucket);
      garbage += removeSuperseded(ledger, committed);
      if (committed.checkpointIfDue(s3, processedBucket)) {
        LOG.info("Ledger checkpoint written up to run {}", sequence);
      }
      return new BatchRunSummary(
          sequence,
          fullRefresh,
          inventory.all().size(),
          readable.size(),
          corrupt,
          output.rawRows(),
          output.quarantinedByRule(),
          output.duplicates(),
          output.ridesWritten(),
          output.ridesFiles().size(),
          output.ridesFiles().stream().mapToLong(BatchManifest.OutputFile::size).sum(),
          garbage,
          seconds(startNanos));
    }
  }

  private record RunOutput(
      long rawRows,
      Map<String, Long> quarantinedByRule,
      long duplicates,
      long ridesWritten,
      List<BatchManifest.OutputFile> ridesFiles,
      List<BatchManifest.OutputFile> quarantineFiles,
      Map<String, List<BatchManifest.OutputFile>> aggregates,
      Map<String, BatchManifest.RideIdSnapshot> rideIds) {}

  private RunOutput process(
      List<BatchManifest.RawObject> objects,
      BatchLedger ledger,
      boolean fullRefresh,
      long sequence,
      ObjectReads reads) {
    RunBlocks kept = RunBlocks.track(spark.get());
    try (ConcurrentWrites<List<BatchManifest.OutputFile>> writes = new ConcurrentWrites<>()) {
      return write(objects, ledger, fullRefresh, sequence, reads, kept, writes);
    } finally {
      kept.close();
    }
  }

  private RunOutput write(
      List<BatchManifest.RawObject> objects,
      BatchLedger ledger,
      boolean fullRefresh,
      long sequence,
      ObjectReads reads,
      RunBlocks kept,
      ConcurrentWrites<List<BatchManifest.OutputFile>> writes) {
    List<String> paths = objects.stream().map(o -> reads.path(o.key())).toList();
    boolean small = small(objects);
    RidesOutput rides = RidesOutput.NONE;
    Optional<BatchManifest> previous = fullRefresh ? Optional.empty() : ledger.latest();
    ObjectReads processed = ObjectReads.inBucket(processedBucket);
    Observation quarantinedByRule = new Observation("quarantined");
    if (!objects.isEmpty()) {
      Dataset<Row> classified =
          RideRules.classify(
              RideDatasets.readRaw(spark.get(), reads::sourceObject, paths.toArray(String[]::new)));
      if (!small) {
        // A large run reads its raw rows again for the quarantine: from the start, on the cores its
        // deduplication leaves idle (a small run's quarantine reads the rows it keeps).
        startQuarantineWrite(writes, classified, quarantinedByRule, sequence);
      }
      PriorRideFiles priorFiles =
          fullRefresh || ledger.ridesFiles().isEmpty()
              ? PriorRideFiles.NONE
              : PriorRideFiles.of(ledger, eventDates(paths, classified));
      if (small && priorFiles.broadcastable()) {
        processed = kept.keep(processedReads(priorFiles, previous));
      }
      ObjectReads priorReads = processed;
      rides =
          SchedulerPools.first(
              spark.get(),
              () ->
                  deduplicatedRides(
                      small ? kept.persist(classified) : classified,
                      priorFiles,
                      priorReads,
                      small));
    }

    // Then the writes side by side: the rides (a small run's; a large run wrote them already), the
    // quarantined rows with the rule they failed (a small run's; a large run's started with it),
    // the aggregates, merging this run's new rides into the previous snapshot, and the ride-id
    // snapshots due. Each write's files are taken right after it: what an earlier failed run
    // reported for the same path is replaced by then.
    long phase = System.nanoTime();
    List<BatchManifest.OutputFile> ridesFiles = rides.ridesFiles();
    if (small && rides.written() > 0) {
      Dataset<Row> byDate = RideDatasets.byDate(rides.rides(), settings.shufflePartitions());
      writes.start(RIDES_WRITE, () -> writeRides(byDate));
    }
    if (small && rides.quarantined() > 0) {
      startQuarantineWrite(writes, rides.classified(), quarantinedByRule, sequence);
    }
    if (rides.written() > 0) {
      for (RideAggregates aggregate : RideAggregates.ALL) {
        Dataset<Row> snapshot =
            aggregate.snapshot(
                rides.rides(), previousSnapshot(aggregate, previous, rides.rides(), processed));
        String prefix = aggregate.name() + "/snapshot=%06d/".formatted(sequence);
        writes.start(
            aggregate.name(),
            () -> {
              snapshot.coalesce(1).write().mode(SaveMode.Overwrite).parquet(processedPath(prefix));
              return committedFiles(prefix);
            });
      }
    }
    Set<String> due = rides.priorFiles().dueForSnapshot(settings.rideIdSnapshotFiles());
    if (!due.isEmpty()) {
      Dataset<Row> ids = RideDatasets.rideIds(rides.prior(), rides.rides(), due);
      String prefix = ProcessedLayout.RIDE_IDS + "snapshot=%06d/".formatted(sequence);
      writes.start(
          RIDE_IDS_WRITE,
          () -> {
            ids.coalesce(1)
                .write()
                .mode(SaveMode.Overwrite)
                .partitionBy("event_date")
                .parquet(processedPath(prefix));
            return committedFiles(prefix);
          });
    }
    Map<String, List<BatchManifest.OutputFile>> written = writes.results();
    if (!written.isEmpty()) {
      LOG.info("Rides, quarantine and aggregates written in {}", since(phase));
    }
    ridesFiles = written.getOrDefault(RIDES_WRITE, ridesFiles);
    List<BatchManifest.OutputFile> quarantineFiles =
        written.getOrDefault(QUARANTINE_WRITE, List.of());
    if (rides.quarantined() == 0 && !quarantineFiles.isEmpty()) {
      // A large run's quarantine, written before its count was known, is an empty file: no
      // manifest names it.
      delete(quarantineFiles.stream().map(BatchManifest.OutputFile::key).collect(toSet()));
      quarantineFiles = List.of();
    }
    Map<String, List<BatchManifest.OutputFile>> aggregates = new LinkedHashMap<>();
    if (rides.written() == 0) {
      previous.ifPresent(p -> aggregates.putAll(p.aggregates()));
    } else {
      RideAggregates.ALL.forEach(a -> aggregates.put(a.name(), written.get(a.name())));
    }
    Map<String, BatchManifest.RideIdSnapshot> rideIds =
        new TreeMap<>(previous.map(BatchManifest::rideIds).orElse(Map.of()));
    Map<String, List<BatchManifest.OutputFile>> snapshotFiles = new TreeMap<>();
    for (BatchManifest.OutputFile file : written.getOrDefault(RIDE_IDS_WRITE, List.of())) {
      snapshotFiles
          .computeIfAbsent(ProcessedLayout.eventDateOf(file.key()), d -> new ArrayList<>())
          .add(file);
    }
    snapshotFiles.forEach(
        (date, files) -> rideIds.put(date, new BatchManifest.RideIdSnapshot(sequence, files)));
    if (!snapshotFiles.isEmpty()) {
      LOG.info("Ride-id snapshots written for {}", snapshotFiles.keySet());
    }
    long valid = rides.rawRows() - rides.quarantined();
    return new RunOutput(
        rides.rawRows(),
        rides.quarantined() > 0
            ? quarantinedPerRule(quarantinedByRule, rides.classified(), rides.quarantined())
            : zeroCounts(),
        valid - rides.written(),
        rides.written(),
        ridesFiles,
        quarantineFiles,
        aggregates,
        rideIds);
  }

  /**
   * Starts writing the {@code classified} rows that failed a rule under the run's quarantine
   * prefix, counting them per rule into {@code byRule}.
   */
  private void startQuarantineWrite(
      ConcurrentWrites<List<BatchManifest.OutputFile>> writes,
      Dataset<Row> classified,
      Observation byRule,
      long sequence) {
    Dataset<Row> quarantinedRows = RideDatasets.quarantined(classified, byRule);
    String prefix = quarantinePrefix(sequence);
    writes.start(
        QUARANTINE_WRITE,
        () -> {
          quarantinedRows.write().mode(SaveMode.Overwrite).parquet(processedPath(prefix));
          return committedFiles(prefix);
        });
  }

  /** Appends the run's rides to the rides prefix and returns their files. */
  private List<BatchManifest.OutputFile> writeRides(Dataset<Row> rides) {
    rides
        .write()
        .mode(SaveMode.Append)
        .partitionBy("event_date")
        .parquet(processedPath(ProcessedLayout.RIDES));
    return committedFiles(ProcessedLayout.RIDES);
  }

  /**
   * What the run's first Spark job made of its raw rows.
   *
   * @param classified the raw rows read, classified by the rules (kept until the run ends in a
   *     small run)
   * @param priorFiles where the rides earlier runs wrote for the run's dates are
   * @param prior those rides ({@code ride_id}, {@code event_date}), null when there are none
   * @param rides the rides, kept until the run ends or read from their files
   * @param ridesFiles the rides' files, when this job wrote them
   * @param rawRows the raw rows' count
   * @param quarantined the quarantined rows' count
   * @param written the rides' count
   */
  private record RidesOutput(
      Dataset<Row> classified,
      PriorRideFiles priorFiles,
      Dataset<Row> prior,
      Dataset<Row> rides,
      List<BatchManifest.OutputFile> ridesFiles,
      long rawRows,
      long quarantined,
      long written) {
    static final RidesOutput NONE =
        new RidesOutput(null, PriorRideFiles.NONE, null, null, List.of(), 0, 0, 0);
  }

  /**
   * The first Spark job: valid rows -> enriched, deduplicated rides, counting rows per rule on the
   * way. A small run keeps its rides for the writes; a large run writes them in this job, and its
   * other writes read them back from their files: kept, they would spill to disk and be sorted
   * again for the rides write.
   */
  private RidesOutput deduplicatedRides(
      Dataset<Row> classified, PriorRideFiles priorFiles, ObjectReads processed, boolean small) {
    long phase = System.nanoTime();
    Observation classifiedCounts = new Observation("classified");
    Dataset<Row> newRides =
        RideDatasets.newRides(
            RideDatasets.counted(classified, classifiedCounts), settings.calendar());
    Dataset<Row> prior = priorRides(priorFiles, newRides, processed);
    Observation writtenCount = new Observation("written");
    Dataset<Row> firstCopies =
        RideDatasets.firstCopies(
            newRides,
            prior,
            priorFiles.broadcastable(),
            deduplicationPartitions(small),
            small,
            writtenCount);
    List<BatchManifest.OutputFile> ridesFiles = List.of();
    Dataset<Row> rides;
    if (small) {
      rides = RideDatasets.kept(firstCopies);
    } else {
      ridesFiles = writeRides(firstCopies);
      rides =
          RideDatasets.written(
              spark.get(),
              firstCopies.schema(),
              processedPath(ProcessedLayout.RIDES),
              ridesFiles.stream().map(f -> processedPath(f.key())).toArray(String[]::new));
    }
    Map<String, Object> counts = metrics(classifiedCounts);
    if (!counts.containsKey("rows")) {
      // Spark reports no observed metrics when the job's last stage had no rows (every row
      // quarantined or a duplicate): count the rows directly then.
      counts = countRows(classified);
    }
    long written = observed(metrics(writtenCount), "rows");
    LOG.info(
        "Rides deduplicated{}: {} to write, in {}",
        small ? "" : " and written",
        written,
        since(phase));
    return new RidesOutput(
        classified,
        priorFiles,
        prior,
        rides,
        ridesFiles,
        observed(counts, "rows"),
        observed(counts, "quarantined"),
        written);
  }

  /**
   * The deduplication's partitions: a large run's each hold whole dates, which differ in size, so
   * twice as many as the shuffles' spread the dates more evenly over the cores.
   */
  private int deduplicationPartitions(boolean small) {
    return small ? settings.shufflePartitions() : 2 * settings.shufflePartitions();
  }

  private Set<String> eventDates(List<String> paths, Dataset<Row> raw) {
    long start = System.nanoTime();
    Set<String> dates =
        new RawEventDates(spark.get(), settings.calendar(), RawEventDates.OTHER_SHAPES_LIMIT)
            .of(paths, raw);
    LOG.info("Event dates of the raw rows: {} found in {}", dates.size(), since(start));
    return dates;
  }

  /** The previous run's snapshot of {@code aggregate}, if any. */
  private Optional<Dataset<Row>> previousSnapshot(
      RideAggregates aggregate,
      Optional<BatchManifest> previous,
      Dataset<Row> rides,
      ObjectReads processed) {
    List<BatchManifest.OutputFile> files =
        previous
            .map(p -> p.aggregates().getOrDefault(aggregate.name(), List.of()))
            .orElse(List.of());
    if (files.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        RideDatasets.snapshot(
            spark.get(),
            aggregate,
            rides,
            files.stream().map(f -> processed.path(f.key())).toArray(String[]::new)));
  }

  /**
   * The rides earlier runs wrote (ride id and date only) for the event dates of the rows being
   * processed, to drop rides seen before, from the dates' ride-id snapshots and the rides files
   * after them; null when there are none. The dates are the rows' own, not the ones their objects
   * are filed under: a raw object replayed into another day's folder holds the same rides.
   */
  private Dataset<Row> priorRides(
      PriorRideFiles files, Dataset<Row> newRides, ObjectReads processed) {
    List<Dataset<Row>> parts = new ArrayList<>();
    files
        .keysByRoot()
        .forEach(
            (root, keys) ->
                parts.add(
                    RideDatasets.prior(
                        spark.get(),
                        newRides,
                        processed.path(root),
                        keys.stream().map(processed::path).toArray(String[]::new))));
    if (!files.isEmpty()) {
      LOG.info(
          "Prior rides read from {} rides files and the ride-id snapshots of {} dates ({} MB, {})",
          files.ridesKeys().size(),
          files.snapshots().size(),
          files.bytes() / 1_000_000,
          files.broadcastable() ? "broadcast" : "shuffled");
    }
    return parts.stream().reduce(Dataset::unionByName).orElse(null);
  }

  private static Map<String, Object> countRows(Dataset<Row> classified) {
    List<Column> columns = RideDatasets.rowCounts();
    Row row = classified.agg(columns.get(0), columns.get(1)).head();
    return Map.of("rows", row.getLong(0), "quarantined", row.getLong(1));
  }

  /**
   * The quarantined rows per rule, as the quarantine write counted them ({@code byRule}), or
   * counted directly when Spark reported no count; they must add up to {@code quarantined}, the
   * count of the run's first job.
   */
  private static Map<String, Long> quarantinedPerRule(
      Observation byRule, Dataset<Row> classified, long quarantined) {
    Map<String, Object> observedCounts = metrics(byRule);
    Map<String, Object> counts =
        observedCounts.isEmpty() ? countByRule(classified) : observedCounts;
    Map<String, Long> perRule = zeroCounts();
    perRule.replaceAll((rule, zero) -> observed(counts, rule));
    long total = perRule.values().stream().mapToLong(Long::longValue).sum();
    if (total != quarantined) {
      throw new IllegalStateException(
          "The quarantine write counted %d rows per rule, the run's first job %d quarantined rows"
              .formatted(total, quarantined));
    }
    return perRule;
  }

  private static Map<String, Object> countByRule(Dataset<Row> classified) {
    List<Column> columns = RideDatasets.ruleCounts();
    Row row =
        RideDatasets.quarantinedRows(classified)
            .agg(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new))
            .head();
    Map<String, Object> counts = new LinkedHashMap<>();
    List<String> rules = RideRules.names();
    for (int i = 0; i < rules.size(); i++) {
      counts.put(rules.get(i), row.get(i));
    }
    return counts;
  }

  /**
   * A count observed while writing; absent when Spark ran no task over the data (nothing to write),
   * which is zero.
   */
  private static long observed(Map<String, Object> metrics, String name) {
    Object value = metrics.get(name);
    return value == null ? 0L : ((Number) value).longValue();
  }

  private static Map<String, Object> metrics(Observation observation) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while collecting the run's counts", e);
    }
  }

  private static Map<String, Long> zeroCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    RideRules.names().forEach(rule -> counts.put(rule, 0L));
    return counts;
  }

  private void failOnCorrupt(List<BatchManifest.CorruptObject> corrupt) {
    if (corrupt.isEmpty() || settings.onCorrupt() != BatchSettings.OnCorrupt.FAIL) {
      return;
    }
    StringBuilder message = new StringBuilder();
    message.append(
        "%d raw object(s) in bucket %s are not readable ride Parquet files; nothing was written:"
            .formatted(corrupt.size(), rawBucket));
    corrupt.forEach(c -> message.append("\n  ").append(c.key()).append(": ").append(c.error()));
    message.append(
        "\nReplace or remove them, or run with --on-corrupt=skip to process the others and report"
            + " these.");
    throw new PlatformException(ExitCodes.FAILED, message.toString());
  }

  private static BatchRunSummary nothingProcessed(
      RawInventory inventory,
      List<BatchManifest.CorruptObject> corrupt,
      int garbage,
      long startNanos) {
    return new BatchRunSummary(
        0,
        false,
        inventory.all().size(),
        0,
        corrupt,
        0,
        zeroCounts(),
        0,
        0,
        0,
        0,
        garbage,
        seconds(startNanos));
  }

  /** The object among {@code objects} that an error while reading names, if any. */
  private static Optional<BatchManifest.RawObject> damagedObjectNamedIn(
      Throwable error, List<BatchManifest.RawObject> objects) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message == null) {
        continue;
      }
      for (BatchManifest.RawObject object : objects) {
        if (message.contains(object.key())) {
          return Optional.of(object);
        }
      }
    }
    return Optional.empty();
  }

  /** Deletes the files under the output prefixes that no live manifest of {@code ledger} names. */
  private int removeGarbage(BatchLedger ledger) {
    Set<String> garbage = listOutputKeys();
    garbage.removeAll(ledger.liveKeys());
    return delete(garbage);
  }

  /**
   * Deletes the files {@code before} named as live and {@code after}, the ledger with the run just
   * committed, no longer does: snapshots the run replaced, or every earlier file after a full
   * refresh. Known from the manifests, so the output prefixes, which grow with every run, are not
   * listed again; anything else not live (files of failed task attempts) goes at the next run's
   * clean-up.
   */
  private int removeSuperseded(BatchLedger before, BatchLedger after) {
    Set<String> superseded = new HashSet<>(before.liveKeys());
    superseded.removeAll(after.liveKeys());
    return delete(superseded);
  }

  private int delete(Set<String> keys) {
    List<ObjectIdentifier> objects =
        keys.stream().sorted().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
    for (int start = 0; start < objects.size(); start += 1000) {
      List<ObjectIdentifier> chunk = objects.subList(start, Math.min(objects.size(), start + 1000));
      s3.deleteObjects(b -> b.bucket(processedBucket).delete(d -> d.objects(chunk).quiet(true)));
    }
    if (!objects.isEmpty()) {
      LOG.info("Removed {} files of failed or superseded runs", objects.size());
    }
    return objects.size();
  }

  private Set<String> listOutputKeys() {
    Set<String> keys = new HashSet<>();
    for (String prefix : ProcessedLayout.OUTPUT_PREFIXES) {
      for (S3Object object :
          s3.listObjectsV2Paginator(b -> b.bucket(processedBucket).prefix(prefix)).contents()) {
        if (!object.key().endsWith("/")) {
          keys.add(object.key());
        }
      }
    }
    return keys;
  }

  /**
   * The files the last Spark write under {@code prefix} committed, with their sizes: only these go
   * in the manifest (files of failed task attempts lie beside them until the next clean-up).
   */
  private List<BatchManifest.OutputFile> committedFiles(String prefix) {
    String bucketPath = processedPath("");
    Set<String> keys = new HashSet<>();
    for (String path : ManifestCommitProtocol.take(processedPath(prefix))) {
      if (!path.startsWith(bucketPath)) {
        throw new IllegalStateException("Spark wrote %s outside %s".formatted(path, bucketPath));
      }
      keys.add(path.substring(bucketPath.length()));
    }
    List<BatchManifest.OutputFile> files = new ArrayList<>();
    if (keys.isEmpty()) {
      return files;
    }
    for (S3Object object :
        s3.listObjectsV2Paginator(b -> b.bucket(processedBucket).prefix(prefix)).contents()) {
      if (keys.remove(object.key())) {
        files.add(new BatchManifest.OutputFile(object.key(), object.size()));
      }
    }
    if (!keys.isEmpty()) {
      throw new IllegalStateException(
          "Spark committed files that bucket %s does not hold: %s"
              .formatted(processedBucket, keys));
    }
    return files;
  }

  private static String quarantinePrefix(long sequence) {
    return ProcessedLayout.QUARANTINE + "batch_run=%06d/".formatted(sequence);
  }

  /**
   * Whether a run of {@code objects} is small: it keeps its classified raw rows in memory and
   * writes its rides side by side with its other outputs. A larger run's rows would not fit: it
   * reads them again for the quarantine and writes its rides in the job that deduplicates them.
   */
  private boolean small(List<BatchManifest.RawObject> objects) {
    return objects.stream().mapToLong(BatchManifest.RawObject::size).sum()
        <= settings.smallRunMaxBytes();
  }

  /**
   * Where the run reads {@code objects}: local copies in a small run with a local Spark master
   * (under Spark's local directory), else the raw bucket.
   */
  private ObjectReads rawReads(List<BatchManifest.RawObject> objects) {
    List<String> keys = objects.stream().map(BatchManifest.RawObject::key).toList();
    if (keys.isEmpty() || !small(objects) || !localMaster() || !ObjectReads.copyable(keys)) {
      return ObjectReads.inBucket(rawBucket);
    }
    return copies(rawBucket, keys, "raw");
  }

  /**
   * Where a small run reads the earlier rides of its dates and the previous aggregate snapshots
   * (broadcastable, so at most 64 MB of them): local copies with a local Spark master.
   */
  private ObjectReads processedReads(PriorRideFiles priorFiles, Optional<BatchManifest> previous) {
    List<String> keys = new ArrayList<>();
    priorFiles.keysByRoot().values().forEach(keys::addAll);
    previous.ifPresent(
        manifest ->
            manifest.aggregates().values().forEach(files -> files.forEach(f -> keys.add(f.key()))));
    if (keys.isEmpty() || !localMaster() || !ObjectReads.copyable(keys)) {
      return ObjectReads.inBucket(processedBucket);
    }
    return copies(processedBucket, keys, "processed");
  }

  private boolean localMaster() {
    return settings.master().startsWith("local");
  }

  /** Local copies of {@code keys} of {@code bucket}, under Spark's local directory. */
  private ObjectReads copies(String bucket, List<String> keys, String what) {
    long start = System.nanoTime();
    String localDirs =
        spark.get().conf().get("spark.local.dir", System.getProperty("java.io.tmpdir"));
    ObjectReads copies = ObjectReads.copied(s3, bucket, keys, Path.of(localDirs.split(",")[0]));
    LOG.info("Downloaded {} {} objects in {}", keys.size(), what, since(start));
    return copies;
  }

  private String processedPath(String key) {
    return "s3a://" + processedBucket + "/" + key;
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static String since(long startNanos) {
    return "%.1f s".formatted(seconds(startNanos));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
