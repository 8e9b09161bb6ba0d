package dev.taxiplatform.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path workDir;

  private PlatformConfig load(Map<String, String> env, ConfigOverrides overrides) {
    return new ConfigLoader(env, workDir).load(overrides);
  }

  private PlatformConfig loadDefaults() {
    return load(Map.of(), ConfigOverrides.NONE);
  }

  private static ConfigOverrides flags(ConfigOverrides.Flag... flags) {
    return new ConfigOverrides(Optional.empty(), List.of(flags));
  }

  private static ConfigOverrides.Flag set(String key, String value) {
    return new ConfigOverrides.Flag(key, value, "--set " + key);
  }

  @Test
  void defaultsArePinned() {
    PlatformConfig config = loadDefaults();

    assertThat(config.dataDir()).isEqualTo(workDir.resolve(".platform-data"));
    assertThat(config.platform().startupTimeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.kafka())
        .isEqualTo(
            new KafkaSettings(
                Optional.empty(), 9092, 9093, "taxi-rides", "taxi-rides-dlq", 3, Optional.empty()));
    assertThat(config.s3())
        .isEqualTo(
            new S3Settings(
                Optional.empty(),
                4566,
                "us-east-1",
                Optional.empty(),
                Optional.empty(),
                "platform-raw-data",
                "platform-processed-data"));
    assertThat(config.warehouse())
        .isEqualTo(
            new WarehouseSettings(
                Optional.empty(), 5432, "warehouse", "platform", Optional.empty()));
    assertThat(config.producer()).isEqualTo(new ProducerSettings(10));
    assertThat(config.sink())
        .isEqualTo(
            new SinkSettings(
                100_000,
                Duration.ofSeconds(10),
                "taxi-rides-sink",
                "zstd",
                256,
                9464,
                2,
                Duration.ofDays(1)));
    assertThat(config.kafka().embedded()).isTrue();
    assertThat(config.s3().embedded()).isTrue();
    assertThat(config.warehouse().embedded()).isTrue();
    assertThat(config.entries())
        .allSatisfy(e -> assertThat(e.source()).isEqualTo(ConfigSource.DEFAULT));
  }

  @Test
  void dashboardDefaultsAndKeysArePinned() {
    assertThat(loadDefaults().dashboard())
        .isEqualTo(
            new DashboardSettings(
                8501,
                "platform_reader",
                Optional.empty(),
                Duration.ofSeconds(30),
                4,
                Optional.empty()));

    PlatformConfig config =
        load(
            Map.of(
                "DASHBOARD_PORT", "18501",
                "DASHBOARD_USER", "analyst",
                "DASHBOARD_PASSWORD", "reader-pw",
                "DASHBOARD_REFRESH_INTERVAL", "10",
                "DASHBOARD_ORCHESTRATOR_URL", "http://orchestrator.internal:8080"),
            flags(set("dashboard.pool-size", "2")));

    assertThat(config.dashboard())
        .isEqualTo(
            new DashboardSettings(
                18501,
                "analyst",
                Optional.of("reader-pw"),
                Duration.ofSeconds(10),
                2,
                Optional.of(URI.create("http://orchestrator.internal:8080"))));
    assertThat(
            config.entries().stream()
                .filter(e -> e.key() == DashboardSettings.PASSWORD)
                .findFirst()
                .orElseThrow()
                .display())
        .isEqualTo("******");
  }

  @Test
  void seedEnvironmentVariablesMapToKeys() {
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("PLATFORM_DATA_DIR", "/var/lib/taxi"),
            Map.entry("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092, broker-2:9092"),
            Map.entry("KAFKA_TOPIC", "rides"),
            Map.entry("S3_ENDPOINT", "http://minio:9000"),
            Map.entry("AWS_ACCESS_KEY_ID", "AKIA1"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "s3cr3t"),
            Map.entry("AWS_DEFAULT_REGION", "eu-west-1"),
            Map.entry("RAW_BUCKET", "raw"),
            Map.entry("PROCESSED_BUCKET", "processed"),
            Map.entry("WAREHOUSE_HOST", "db.internal"),
            Map.entry("WAREHOUSE_PORT", "6543"),
            Map.entry("WAREHOUSE_DB", "dw"),
            Map.entry("WAREHOUSE_USER", "etl"),
            Map.entry("WAREHOUSE_PASSWORD", "pw"),
            Map.entry("PLATFORM_STARTUP_TIMEOUT", "90"),
            Map.entry("EVENTS_PER_SECOND", "250"),
            Map.entry("BATCH_SIZE", "500"),
            Map.entry("FLUSH_INTERVAL_SECONDS", "15"),
            Map.entry("SINK_COMPRESSION", "Snappy"));

    PlatformConfig config = load(env, ConfigOverrides.NONE);

    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/taxi"));
    assertThat(config.platform().startupTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.producer().eventsPerSecond()).isEqualTo(250);
    assertThat(config.sink().batchSize()).isEqualTo(500);
    assertThat(config.sink().flushInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.sink().compression()).isEqualTo("snappy");
    assertThat(config.kafka().bootstrapServers()).contains("broker-1:9092,broker-2:9092");
    assertThat(config.kafka().topic()).isEqualTo("rides");
    assertThat(config.s3())
        .isEqualTo(
            new S3Settings(
                Optional.of(URI.create("http://minio:9000")),
                4566,
                "eu-west-1",
                Optional.of("AKIA1"),
                Optional.of("s3cr3t"),
                "raw",
                "processed"));
    assertThat(config.warehouse())
        .isEqualTo(
            new WarehouseSettings(
                Optional.of("db.internal"), 6543, "dw", "etl", Optional.of("pw")));
    assertThat(config.source(WarehouseSettings.PORT))
        .isEqualTo(ConfigSource.environment("WAREHOUSE_PORT"));
    assertThat(config.source(S3Settings.REGION))
        .isEqualTo(ConfigSource.environment("AWS_DEFAULT_REGION"));
  }

  @Test
  void firstEnvironmentVariableOfAKeyWins() {
    PlatformConfig config =
        load(
            Map.of("AWS_REGION", "ap-south-1", "AWS_DEFAULT_REGION", "eu-west-1"),
            ConfigOverrides.NONE);

    assertThat(config.s3().region()).isEqualTo("ap-south-1");
  }

  @Test
  void layersApplyInOrderDefaultFileEnvironmentFlag() throws IOException {
    Files.writeString(
        workDir.resolve("platform.yaml"),
        """
        kafka:
          port: 19092
          controller-port: 19093
          topic: from-file
        s3.port: 14566
        warehouse:
          database: file-db
        """);
    Map<String, String> env = Map.of("KAFKA_TOPIC", "from-env", "WAREHOUSE_DB", "env-db");

    PlatformConfig config =
        load(
            env,
            flags(set("warehouse.database", "flag-db"), set("warehouse.database", "last-flag-db")));

    assertThat(config.kafka().port()).isEqualTo(19092);
    assertThat(config.source(KafkaSettings.PORT))
        .isEqualTo(ConfigSource.file(workDir.resolve("platform.yaml").toString()));
    assertThat(config.s3().port()).isEqualTo(14566);
    assertThat(config.kafka().topic()).isEqualTo("from-env");
    assertThat(config.warehouse().database()).isEqualTo("last-flag-db");
    assertThat(config.source(WarehouseSettings.DATABASE))
        .isEqualTo(ConfigSource.flag("--set warehouse.database"));
    assertThat(config.kafka().partitions()).isEqualTo(3);
  }

  @Test
  void explicitConfigFileIsUsedAndMustExist() throws IOException {
    Path file = workDir.resolve("custom.yaml");
    Files.writeString(file, "kafka:\n  partitions: 12\n");

    PlatformConfig config =
        load(Map.of(), new ConfigOverrides(Optional.of(Path.of("custom.yaml")), List.of()));
    assertThat(config.kafka().partitions()).isEqualTo(12);

    PlatformConfig fromEnvironment =
        load(Map.of("PLATFORM_CONFIG", file.toString()), ConfigOverrides.NONE);
    assertThat(fromEnvironment.kafka().partitions()).isEqualTo(12);

    assertThatThrownBy(
            () ->
                load(
                    Map.of(), new ConfigOverrides(Optional.of(Path.of("missing.yaml")), List.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing.yaml")
        .hasMessageContaining("(from --config) does not exist");
  }

  @Test
  void theBusinessTimeZoneDefaultsToNewYorkAndRejectsUnknownOrOffsetZones() {
    assertThat(load(Map.of(), ConfigOverrides.NONE).platform().timeZone())
        .isEqualTo(java.time.ZoneId.of("America/New_York"));
    assertThat(
            load(Map.of("BUSINESS_TIME_ZONE", "Europe/Berlin"), ConfigOverrides.NONE)
                .platform()
                .timeZone())
        .isEqualTo(java.time.ZoneId.of("Europe/Berlin"));

    for (String bad : List.of("Mars/Olympus", "EST", "+02:00")) {
      assertThatThrownBy(() -> load(Map.of("BUSINESS_TIME_ZONE", bad), ConfigOverrides.NONE))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("business.time-zone = \"" + bad + "\"")
          .hasMessageContaining("Expected an IANA time zone id such as America/New_York");
    }
  }

  @Test
  void badValueNamesKeyValueSourceAndWhatIsAllowed() {
    assertThatThrownBy(() -> load(Map.of("KAFKA_PORT", "nine"), ConfigOverrides.NONE))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid configuration: kafka.port = \"nine\" (from env KAFKA_PORT). Expected a TCP port"
                + " from 1 to 65535.");

    assertThatThrownBy(() -> load(Map.of(), flags(set("kafka.partitions", "0"))))
        .hasMessage(
            "Invalid configuration: kafka.partitions = \"0\" (from flag --set kafka.partitions)."
                + " Expected an integer from 1 to 1000.");

    assertThatThrownBy(() -> load(Map.of("S3_ENDPOINT", "minio:9000"), ConfigOverrides.NONE))
        .hasMessageContaining("s3.endpoint = \"minio:9000\" (from env S3_ENDPOINT)")
        .hasMessageContaining("http:// or https:// URL");

    assertThatThrownBy(() -> load(Map.of("RAW_BUCKET", "Raw_Data"), ConfigOverrides.NONE))
        .hasMessageContaining("s3.raw-bucket = \"Raw_Data\"")
        .hasMessageContaining("bucket name");

    assertThatThrownBy(() -> load(Map.of("PLATFORM_STARTUP_TIMEOUT", "-5s"), ConfigOverrides.NONE))
        .hasMessageContaining("stack.startup-timeout = \"-5s\"")
        .hasMessageContaining("positive duration");
  }

  @Test
  void secretsAreMaskedInErrors() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "S3_ENDPOINT",
                        "http://s3:9000",
                        "AWS_ACCESS_KEY_ID",
                        "a",
                        "AWS_SECRET_ACCESS_KEY",
                        " "),
                    ConfigOverrides.NONE))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("credentials are not");

    assertThatThrownBy(() -> load(Map.of(), flags(set("warehouse.password", "  "))))
        .hasMessageContaining("warehouse.password = \"******\"")
        .hasMessageNotContaining("\"  \"");
  }

  @Test
  void unknownKeysAreRejectedWithASuggestion() throws IOException {
    assertThatThrownBy(() -> load(Map.of(), flags(set("kafka.prot", "1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "Unknown configuration key \"kafka.prot\" (from flag --set kafka.prot).")
        .hasMessageContaining("Did you mean \"kafka.port\"?");

    Files.writeString(workDir.resolve("platform.yaml"), "warehouse:\n  hots: db\n");
    assertThatThrownBy(this::loadDefaults)
        .hasMessageContaining("Unknown configuration key \"warehouse.hots\"")
        .hasMessageContaining("Did you mean \"warehouse.host\"?");
  }

  @Test
  void malformedYamlNamesTheFile() throws IOException {
    Files.writeString(workDir.resolve("platform.yaml"), "kafka:\n  port: [1\n");

    assertThatThrownBy(this::loadDefaults)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("platform.yaml is not valid YAML");
  }

  @Test
  void crossKeyRulesAreChecked() {
    assertThatThrownBy(() -> load(Map.of("KAFKA_CONTROLLER_PORT", "9092"), ConfigOverrides.NONE))
        .hasMessageContaining("kafka.port and kafka.controller-port are both 9092");
    assertThatThrownBy(
            () ->
                load(
                    Map.of("RAW_BUCKET", "same", "PROCESSED_BUCKET", "same"), ConfigOverrides.NONE))
        .hasMessageContaining("s3.raw-bucket and s3.processed-bucket are both \"same\"");
    assertThatThrownBy(() -> load(Map.of("KAFKA_DLQ_TOPIC", "taxi-rides"), ConfigOverrides.NONE))
        .hasMessageContaining("dead letters need a topic of their own");
  }

  @Test
  void secretValuesDisplayMasked() {
    PlatformConfig config = load(Map.of("WAREHOUSE_PASSWORD", "hunter2"), ConfigOverrides.NONE);

    PlatformConfig.ResolvedValue password =
        config.entries().stream()
            .filter(e -> e.key() == WarehouseSettings.PASSWORD)
            .findFirst()
            .orElseThrow();
    assertThat(password.display()).isEqualTo("******");
    assertThat(config.warehouse().password()).contains("hunter2");
  }
}
