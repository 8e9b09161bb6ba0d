package dev.taxiplatform.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.taxiplatform.core.cli.TaskSummaryFile;
import dev.taxiplatform.core.component.PlatformHome;
import dev.taxiplatform.core.config.PlatformSettings;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.ride.BusinessCalendar;
import dev.taxiplatform.core.testing.LocalStack;
import dev.taxiplatform.core.testing.PlatformCli;
import dev.taxiplatform.orchestrator.state.OrchestratorStore;
import dev.taxiplatform.orchestrator.state.PipelineRun;
import dev.taxiplatform.orchestrator.state.PooledDataSource;
import dev.taxiplatform.orchestrator.state.RunState;
import dev.taxiplatform.orchestrator.state.TaskAttempt;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code platform_pipeline} on every real component, run by the stack's own orchestrator: rides
 * produced to Kafka, written to S3 by the sink, processed by Spark, loaded into PostgreSQL and
 * modelled by the SQL engine. Every stage's counts match, the marts equal what this test computes
 * from the events it reads back from Kafka, and a second run adds exactly the new rides.
 */
class PlatformPipelineEndToEndTest {
  private static final String PIPELINE = "platform_pipeline";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  @Test
  void everyStageCountsMatchAndASecondRunAddsExactlyTheNewRides() throws Exception {
    // The shipped pipeline, with a short accumulation wait to keep the test quick.
    Path pipelines = Files.createDirectories(directory.resolve("pipelines"));
    String shipped =
        Files.readString(PlatformHome.locate().resolve("pipelines").resolve(PIPELINE + ".yaml"));
    assertThat(shipped).contains("wait: 60s");
    Files.writeString(
        pipelines.resolve(PIPELINE + ".yaml"), shipped.replace("wait: 60s", "wait: 5s"));
    String pipelinesFlag = "orchestrator.pipelines-dir=" + pipelines;

    Path dataDir = directory.resolve("stack");
    try (LocalStack stack = LocalStack.start(dataDir, "--set", pipelinesFlag)) {
      Connections connections = stack.connections();
      PlatformCli cli = stack.cli();

      produce(cli, dataDir, 3000, 42);
      PipelineRun first = runPipeline(cli, dataDir, pipelinesFlag, stack);
      Events afterFirst = Events.read(connections.kafka(), stack.config().kafka().topic());
      assertThat(afterFirst.rides())
          .as("the burst and what streaming added")
          .hasSizeGreaterThanOrEqualTo(3000);
      try (HikariDataSource pool = pool(stack)) {
        OrchestratorStore store = new OrchestratorStore(pool);
        assertStages(store, first, afterFirst.rides().size(), afterFirst.rides().size());
      }
      assertWarehouseMatches(connections, afterFirst);

      produce(cli, dataDir, 1000, 43);
      PipelineRun second = runPipeline(cli, dataDir, pipelinesFlag, stack);
      Events afterSecond = Events.read(connections.kafka(), stack.config().kafka().topic());
      int added = afterSecond.rides().size() - afterFirst.rides().size();
      assertThat(added).isGreaterThanOrEqualTo(1000);
      try (HikariDataSource pool = pool(stack)) {
        OrchestratorStore store = new OrchestratorStore(pool);
        assertStages(store, second, added, added);
      }
      assertWarehouseMatches(connections, afterSecond);
    }
  }

  private static void produce(PlatformCli cli, Path dataDir, int count, long seed) {
    PlatformCli.Result result =
        cli.run(
            "produce",
            "--count",
            Integer.toString(count),
            "--rate",
            "max",
            "--start",
            "2026-11-01T00:00:00Z",
            "--speedup",
            "200",
            "--seed",
            Long.toString(seed),
            "--data-dir",
            dataDir.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  private static PipelineRun runPipeline(
      PlatformCli cli, Path dataDir, String pipelinesFlag, LocalStack stack) throws Exception {
    PlatformCli.Result result =
        cli.run(
            Duration.ofMinutes(20),
            "pipeline",
            "run",
            PIPELINE,
            "--wait",
            "--data-dir",
            dataDir.toString(),
            "--set",
            pipelinesFlag);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output()).doesNotContain("No orchestrator is running").contains("succeeded");
    try (HikariDataSource pool = pool(stack)) {
      OrchestratorStore store = new OrchestratorStore(pool);
      PipelineRun run = store.recentRuns(PIPELINE, 1).get(0);
      assertThat(run.state()).isEqualTo(RunState.SUCCESS);
      return run;
    }
  }

  private static HikariDataSource pool(LocalStack stack) {
    return PooledDataSource.create(stack.connections().warehouse(), "e2e", 2);
  }

  /** The batch, the loader and the SQL engine each account for exactly the new rides. */
  private static void assertStages(
      OrchestratorStore store, PipelineRun run, long rawRows, long newRides) throws Exception {
    JsonNode batch = summary(store, run, "spark_processing");
    assertThat(batch.get("taxi_batch_raw_rows_read_total").asLong()).isEqualTo(rawRows);
    assertThat(batch.get("taxi_batch_rows_quarantined_total").asLong()).isZero();
    assertThat(batch.get("taxi_batch_rides_written_total").asLong()).isEqualTo(newRides);
    JsonNode load = summary(store, run, "load_staging");
    assertThat(load.get("taxi_loader_rows_inserted_total").asLong()).isEqualTo(newRides);
    String tests = Files.readString(Path.of(last(store.attempts(run.id(), "dbt_test")).logPath()));
    assertThat(tests).containsPattern("Done\\. PASS=\\d+ WARN=0 ERROR=0 SKIP=0 TOTAL=\\d+");
    String models = Files.readString(Path.of(last(store.attempts(run.id(), "dbt_run")).logPath()));
    assertThat(models).containsPattern("Done\\. PASS=\\d+ WARN=0 ERROR=0 SKIP=0");
  }

  private static JsonNode summary(OrchestratorStore store, PipelineRun run, String task)
      throws Exception {
    Path file = TaskSummaryFile.besideLog(Path.of(last(store.attempts(run.id(), task)).logPath()));
    return JSON.readTree(file.toFile()).get("metrics");
  }

  private static TaskAttempt last(List<TaskAttempt> attempts) {
    assertThat(attempts).isNotEmpty();
    return attempts.get(attempts.size() - 1);
  }

  /** Staging and the marts hold exactly the produced rides, with the figures computed here. */
  private static void assertWarehouseMatches(Connections connections, Events events)
      throws Exception {
    try (Connection connection = connections.warehouse().open();
        Statement statement = connection.createStatement()) {
      assertThat(single(statement, "SELECT count(*) FROM staging.stg_rides"))
          .isEqualTo(events.rides().size());
      assertThat(single(statement, "SELECT count(DISTINCT ride_id) FROM public_marts.fact_rides"))
          .isEqualTo(events.rides().size());
      assertThat(single(statement, "SELECT count(*) FROM public_marts.fact_rides"))
          .isEqualTo(events.rides().size());

      Map<Integer, long[]> zones = new TreeMap<>();
      Map<Integer, BigDecimal> zoneRevenue = new TreeMap<>();
      try (ResultSet result =
          statement.executeQuery(
              "SELECT pickup_zone_id, total_trips, total_revenue FROM public_marts.dim_zones")) {
        while (result.next()) {
          zones.put(result.getInt(1), new long[] {result.getLong(2)});
          zoneRevenue.put(result.getInt(1), result.getBigDecimal(3));
        }
      }
      assertThat(zones.keySet()).isEqualTo(events.tripsByZone().keySet());
      zones.forEach(
          (zone, trips) ->
              assertThat(trips[0])
                  .as("trips of zone " + zone)
                  .isEqualTo(events.tripsByZone().get(zone)));
      zoneRevenue.forEach(
          (zone, revenue) ->
              assertThat(revenue)
                  .as("revenue of zone " + zone)
                  .isEqualByComparingTo(events.revenueByZone().get(zone)));

      Map<String, Long> payments = new HashMap<>();
      Map<String, BigDecimal> paymentRevenue = new HashMap<>();
      try (ResultSet result =
          statement.executeQuery(
              "SELECT payment_type, trip_count, total_revenue FROM public_marts.dim_payment_analysis")) {
        while (result.next()) {
          payments.put(result.getString(1), result.getLong(2));
          paymentRevenue.put(result.getString(1), result.getBigDecimal(3));
        }
      }
      assertThat(payments).isEqualTo(events.tripsByPayment());
      paymentRevenue.forEach(
          (type, revenue) ->
              assertThat(revenue).isEqualByComparingTo(events.revenueByPayment().get(type)));

      Map<String, Long> hours = new TreeMap<>();
      try (ResultSet result =
          statement.executeQuery(
              "SELECT event_date, event_hour, trip_count FROM public_marts.fact_hourly_summary")) {
        while (result.next()) {
          hours.put(result.getDate(1).toLocalDate() + "T" + result.getInt(2), result.getLong(3));
        }
      }
      assertThat(hours).isEqualTo(events.tripsByHour());
    }
  }

  private static long single(Statement statement, String query) throws Exception {
    try (ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }

  /**
   * Every ride event in the topic, read back with a plain consumer, and the figures expected of the
   * marts.
   */
  private record Events(List<JsonNode> rides) {
    static Events read(KafkaConnection kafka, String topic) throws Exception {
      Map<TopicPartition, Long> ends = kafka.endOffsets(topic);
      Map<String, Object> properties = kafka.clientProperties("e2e-reader");
      properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      List<JsonNode> rides = new ArrayList<>();
      Set<String> seen = new java.util.HashSet<>();
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
        consumer.assign(ends.keySet());
        consumer.seekToBeginning(ends.keySet());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (ends.entrySet().stream()
            .anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            JsonNode ride = JSON.readTree(record.value());
            if (seen.add(ride.get("ride_id").asText())) {
              rides.add(ride);
            }
          }
          assertThat(System.nanoTime()).as("reading the topic back").isLessThan(deadline);
        }
      }
      return new Events(rides);
    }

    Map<Integer, Long> tripsByZone() {
      return rides.stream()
          .collect(
              Collectors.groupingBy(r -> r.get("pickup_zone_id").asInt(), Collectors.counting()));
    }

    Map<Integer, BigDecimal> revenueByZone() {
      return sum(r -> r.get("pickup_zone_id").asInt());
    }

    Map<String, Long> tripsByPayment() {
      return rides.stream()
          .collect(
              Collectors.groupingBy(r -> r.get("payment_type").asText(), Collectors.counting()));
    }

    Map<String, BigDecimal> revenueByPayment() {
      return sum(r -> r.get("payment_type").asText());
    }

    /** Trips per local date and hour of the platform's default business time zone. */
    Map<String, Long> tripsByHour() {
      BusinessCalendar calendar =
          new BusinessCalendar(PlatformSettings.TIME_ZONE.defaultValue().orElseThrow());
      Map<String, Long> hours = new TreeMap<>();
      for (JsonNode ride : rides) {
        Instant time = Instant.parse(ride.get("event_timestamp").asText());
        hours.merge(calendar.date(time) + "T" + calendar.hour(time), 1L, Long::sum);
      }
      return hours;
    }

    private <K> Map<K, BigDecimal> sum(java.util.function.Function<JsonNode, K> key) {
      Map<K, BigDecimal> sums = new HashMap<>();
      for (JsonNode ride : rides) {
        sums.merge(
            key.apply(ride), new BigDecimal(ride.get("total_amount").asText()), BigDecimal::add);
      }
      sums.replaceAll((k, v) -> v.setScale(2, RoundingMode.HALF_UP));
      return sums;
    }
  }
}
