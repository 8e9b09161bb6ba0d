package dev.taxiplatform.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taxiplatform.core.ride.RideEvent;
import dev.taxiplatform.core.ride.RideField;
import dev.taxiplatform.core.testing.PlatformCli;
import dev.taxiplatform.ingest.IngestTestKit;
import dev.taxiplatform.ingest.generate.BadEventKind;
import dev.taxiplatform.ingest.generate.EventClock;
import dev.taxiplatform.ingest.generate.RideStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code platform produce --bad-fraction} through the sink: every bad event in the dead-letter
 * topic with its reason and source, every good one in S3, the counts adding up exactly; and the
 * Parquet files as DuckDB reads them: the contract's schema, types, values and keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterAndSchemaTest {
  private static final int EVENTS = 6_000;
  private static final long SEED = 11;
  private static final String START = "2026-11-21T23:59:50Z";
  private static final double SPEEDUP = 0.05; // 10 events/s nominal: 200 simulated rides per second

  private IngestTestKit kit;
  private final List<RideStream.Event> expected = new ArrayList<>();
  private String producerOutput;
  private SinkMetrics metrics;
  private Path files;
  private List<String> keys;

  @BeforeAll
  void produceWithBadEventsAndSink() throws Exception {
    kit = IngestTestKit.create("dlq");
    List<String> args =
        new ArrayList<>(
            List.of(
                "produce",
                "--count",
                Integer.toString(EVENTS),
                "--rate",
                "max",
                "--seed",
                Long.toString(SEED),
                "--start",
                START,
                "--speedup",
                Double.toString(SPEEDUP),
                "--bad-fraction",
                "0.1"));
    args.addAll(kit.configArguments("producer.events-per-second=10"));
    PlatformCli.Result result =
        PlatformCli.inDirectory(kit.stack().dataDir().getParent()).run(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    producerOutput = result.output();

    // The same seed and simulated clock give the very same events.
    RideStream replay =
        new RideStream(SEED, EventClock.simulated(Instant.parse(START), 10 / SPEEDUP, SEED), 0.1);
    for (int i = 0; i < EVENTS; i++) {
      expected.add(replay.next());
    }

    metrics = new SinkMetrics(new SimpleMeterRegistry());
    SinkOptions options = kit.sinkOptions(2_500, Duration.ofSeconds(2), "zstd", 64L * 1024 * 1024);
    try (S3Client s3 = kit.s3();
        RideSink sink = new RideSink(options, kit.kafka(), s3, metrics, FlushObserver.NONE)) {
      Thread runner = new Thread(sink::run, "test-sink");
      runner.start();
      kit.awaitAllCommitted(Duration.ofMinutes(3));
      sink.stop();
      runner.join(TimeUnit.MINUTES.toMillis(1));
      assertThat(runner.isAlive()).isFalse();
    }
    files = Files.createTempDirectory("dlq-test");
    keys = kit.download(files);
  }

  @AfterAll
  void cleanUp() throws Exception {
    if (files != null) {
      try (var paths = Files.walk(files)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private String glob() {
    return files.resolve(kit.topic()) + "/**/*.parquet";
  }

  @Test
  void everyBadEventIsDeadLetteredWithItsReasonAndEveryGoodOneIsStored() throws Exception {
    List<RideStream.Event> bad = expected.stream().filter(RideStream.Event::isBad).toList();
    List<RideStream.Event> good = expected.stream().filter(e -> !e.isBad()).toList();
    assertThat(bad.size()).isBetween(450, 750);
    Map<BadEventKind, Long> badByKind = new EnumMap<>(BadEventKind.class);
    bad.forEach(e -> badByKind.merge(e.badKind(), 1L, Long::sum));
    // The producer's summary counts them too.
    assertThat(producerOutput)
        .contains("Produced %,d ride events to %s".formatted(EVENTS, kit.topic()))
        .contains("%,d malformed (".formatted(bad.size()));
    badByKind.forEach(
        (kind, count) ->
            assertThat(producerOutput)
                .contains(kind.expectedReason().code() + " " + "%,d".formatted(count)));

    // The source topic, to check what the dead letters point at.
    Map<String, byte[]> source = readAll(kit.topic());
    assertThat(source).hasSize(EVENTS);
    Map<String, BadEventKind> kindByValue = new HashMap<>();
    bad.forEach(e -> kindByValue.put(new String(e.value(), StandardCharsets.UTF_8), e.badKind()));

    List<ConsumerRecord<byte[], byte[]>> deadLetters = readRecords(kit.deadLetterTopic());
    assertThat(deadLetters).hasSize(bad.size());
    Map<String, Long> reasons = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
      String value = new String(letter.value(), StandardCharsets.UTF_8);
      BadEventKind kind = kindByValue.get(value);
      assertThat(kind).as("dead letter %s is one of the bad events", value).isNotNull();
      assertThat(header(letter, "error.reason")).isEqualTo(kind.expectedReason().code());
      assertThat(header(letter, "error.message")).isNotBlank();
      assertThat(header(letter, "source.topic")).isEqualTo(kit.topic());
      String origin = header(letter, "source.partition") + "/" + header(letter, "source.offset");
      assertThat(source.get(origin)).as("source record %s", origin).isEqualTo(letter.value());
      reasons.merge(header(letter, "error.reason"), 1L, Long::sum);
    }
    assertThat(reasons)
        .isEqualTo(
            badByKind.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        e -> e.getKey().expectedReason().code(), Map.Entry::getValue)));

    Set<String> stored = new HashSet<>();
    try (Connection duck = IngestTestKit.duckDb();
        Statement statement = duck.createStatement();
        ResultSet ids =
            statement.executeQuery("SELECT ride_id FROM read_parquet('%s')".formatted(glob()))) {
      while (ids.next()) {
        assertThat(stored.add(ids.getString(1))).isTrue();
      }
    }
    assertThat(stored)
        .isEqualTo(good.stream().map(e -> e.ride().rideId()).collect(Collectors.toSet()));
    // The counts add up exactly, in S3, in the dead-letter topic and in the sink's metrics.
    assertThat(stored.size() + deadLetters.size()).isEqualTo(EVENTS);
    assertThat(metrics.recordsWritten()).isEqualTo(good.size());
    assertThat(metrics.recordsDeadLettered()).isEqualTo(bad.size());
  }

  @Test
  void duckDbReadsTheContractSchemaTypesValuesAndKeys() throws Exception {
    assertThat(keys)
        .allSatisfy(
            k ->
                assertThat(k)
                    .matches(
                        kit.topic()
                            + "/year=2026/month=11/day=2[12]/"
                            + kit.topic().replace("-", "\\-")
                            + "\\+[0-2]\\+\\d{20}\\.parquet"));
    // Rides from 23:59:50 UTC on the 21st run past midnight: both days are there.
    assertThat(keys).anyMatch(k -> k.contains("/day=21/")).anyMatch(k -> k.contains("/day=22/"));
    try (Connection duck = IngestTestKit.duckDb();
        Statement statement = duck.createStatement()) {
      List<String> columns = new ArrayList<>();
      try (ResultSet describe =
          statement.executeQuery(
              "DESCRIBE SELECT * FROM read_parquet('%s', hive_partitioning = false)"
                  .formatted(glob()))) {
        while (describe.next()) {
          columns.add(describe.getString("column_name") + " " + describe.getString("column_type"));
        }
      }
      assertThat(columns)
          .containsExactlyElementsOf(
              RideField.ALL.stream()
                  .map(
                      f ->
                          f.jsonName()
                              + " "
                              + switch (f.type()) {
                                case STRING -> "VARCHAR";
                                case INTEGER -> "INTEGER";
                                case NUMBER -> "DOUBLE";
                              })
                  .toList());

      // The path's year=/month=/day= read as Hive partitions, as engines such as Spark do.
      try (ResultSet hive =
          statement.executeQuery(
              ("SELECT count(*) FROM read_parquet('%s', hive_partitioning = true)"
                      + " WHERE printf('%%04d-%%02d-%%02d', year, month, day)"
                      + " <> substr(event_timestamp, 1, 10)")
                  .formatted(glob()))) {
        assertThat(hive.next()).isTrue();
        assertThat(hive.getLong(1)).isZero();
      }

      // A sample of rows, field by field, as the producer generated them.
      Map<String, RideEvent> byId = new HashMap<>();
      expected.stream().filter(e -> !e.isBad()).forEach(e -> byId.put(e.ride().rideId(), e.ride()));
      int checked = 0;
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT * FROM read_parquet('%s') ORDER BY ride_id LIMIT 200".formatted(glob()))) {
        while (rows.next()) {
          RideEvent ride = byId.get(rows.getString("ride_id"));
          assertThat(rows.getString("event_timestamp")).isEqualTo(ride.eventTimestamp());
          assertThat(rows.getInt("pickup_zone_id")).isEqualTo(ride.pickupZoneId());
          assertThat(rows.getString("pickup_zone_name")).isEqualTo(ride.pickupZoneName());
          assertThat(rows.getString("dropoff_borough")).isEqualTo(ride.dropoffBorough());
          assertThat(rows.getInt("passenger_count")).isEqualTo(ride.passengerCount());
          assertThat(rows.getDouble("trip_distance_miles")).isEqualTo(ride.tripDistanceMiles());
          assertThat(rows.getString("payment_type")).isEqualTo(ride.paymentType().wireName());
          assertThat(rows.getString("rate_code")).isEqualTo(ride.rateCode().wireName());
          assertThat(rows.getDouble("total_amount")).isEqualTo(ride.totalAmount());
          checked++;
        }
      }
      assertThat(checked).isEqualTo(200);
      // Each file: its rides' day is the day in its key, and its name the first offset.
      try (ResultSet perFile =
          statement.executeQuery(
              ("SELECT filename, count(*), min(substr(event_timestamp, 1, 10)),"
                      + " max(substr(event_timestamp, 1, 10))"
                      + " FROM read_parquet('%s', filename = true) GROUP BY filename")
                  .formatted(glob()))) {
        while (perFile.next()) {
          String file = perFile.getString(1).replace('\\', '/');
          String day = perFile.getString(3);
          assertThat(perFile.getString(4)).isEqualTo(day);
          assertThat(file)
              .contains(
                  "/year=%s/month=%s/day=%s/"
                      .formatted(day.substring(0, 4), day.substring(5, 7), day.substring(8)));
        }
      }
      // Compression as configured.
      try (ResultSet codecs =
          statement.executeQuery(
              "SELECT DISTINCT compression FROM parquet_metadata('%s')".formatted(glob()))) {
        assertThat(codecs.next()).isTrue();
        assertThat(codecs.getString(1)).isEqualTo("ZSTD");
        assertThat(codecs.next()).isFalse();
      }
    }
  }

  private Map<String, byte[]> readAll(String topic) {
    Map<String, byte[]> values = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : readRecords(topic)) {
      values.put(record.partition() + "/" + record.offset(), record.value());
    }
    return values;
  }

  private List<ConsumerRecord<byte[], byte[]>> readRecords(String topic) {
    return kit.readRecords(topic);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return IngestTestKit.header(record, name);
  }
}
