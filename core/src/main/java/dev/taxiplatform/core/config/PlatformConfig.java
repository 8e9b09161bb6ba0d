package dev.taxiplatform.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective, validated configuration: every key's value and where it came from, with typed
 * views per area. Obtain one from {@link ConfigLoader}.
 */
public final class PlatformConfig {
  private final Map<ConfigKey<?>, ResolvedValue> values;
  private final Path workingDirectory;

  PlatformConfig(Map<ConfigKey<?>, ResolvedValue> values, Path workingDirectory) {
    this.values = Map.copyOf(values);
    this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory");
  }

  /**
   * A key's value and its source.
   *
   * @param key the key
   * @param value the parsed value, or null when the key is unset (no default, not configured)
   * @param source where the value came from
   */
  public record ResolvedValue(ConfigKey<?> key, Object value, ConfigSource source) {
    /** The value as printed by {@code platform config}: masked when secret. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public String display() {
      return value == null ? "(unset)" : ((ConfigKey) key).display(value);
    }
  }

  public <T> Optional<T> find(ConfigKey<T> key) {
    ResolvedValue resolved = resolved(key);
    return Optional.ofNullable(cast(resolved.value()));
  }

  /** The value of a key that has a default. */
  public <T> T get(ConfigKey<T> key) {
    return find(key)
        .orElseThrow(() -> new IllegalStateException(key.name() + " has no value and no default"));
  }

  public ConfigSource source(ConfigKey<?> key) {
    return resolved(key).source();
  }

  /** True when the key was configured (file, environment or flag) rather than defaulted. */
  public boolean isConfigured(ConfigKey<?> key) {
    return resolved(key).source().layer() != ConfigSource.Layer.DEFAULT;
  }

  /** Every key with its value and source, in documentation order. */
  public List<ResolvedValue> entries() {
    return ConfigKeys.ALL.stream().map(this::resolved).toList();
  }

  /** The data directory, absolute. */
  public Path dataDir() {
    return workingDirectory.resolve(get(PlatformSettings.DATA_DIR)).toAbsolutePath().normalize();
  }

  public PlatformSettings platform() {
    return PlatformSettings.from(this);
  }

  public ServerSettings server() {
    return ServerSettings.from(this);
  }

  public KafkaSettings kafka() {
    return KafkaSettings.from(this);
  }

  public S3Settings s3() {
    return S3Settings.from(this);
  }

  public WarehouseSettings warehouse() {
    return WarehouseSettings.from(this);
  }

  public ProducerSettings producer() {
    return ProducerSettings.from(this);
  }

  public SinkSettings sink() {
    return SinkSettings.from(this);
  }

  public OrchestratorSettings orchestrator() {
    return OrchestratorSettings.from(this);
  }

  public DashboardSettings dashboard() {
    return DashboardSettings.from(this);
  }

  public MonitoringSettings monitoring() {
    return MonitoringSettings.from(this);
  }

  private ResolvedValue resolved(ConfigKey<?> key) {
    ResolvedValue resolved = values.get(key);
    if (resolved == null) {
      throw new IllegalArgumentException("Unknown configuration key " + key.name());
    }
    return resolved;
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
