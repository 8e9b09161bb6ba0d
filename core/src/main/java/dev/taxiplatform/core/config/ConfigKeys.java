package dev.taxiplatform.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Every configuration key of the platform, in the order they are documented and printed. */
public final class ConfigKeys {
  public static final List<ConfigKey<?>> ALL =
      Stream.of(
              PlatformSettings.KEYS,
              ServerSettings.KEYS,
              KafkaSettings.KEYS,
              S3Settings.KEYS,
              WarehouseSettings.KEYS,
              ProducerSettings.KEYS,
              SinkSettings.KEYS,
              BatchSettings.KEYS,
              LoaderSettings.KEYS,
              OrchestratorSettings.KEYS,
              DashboardSettings.KEYS,
              MonitoringSettings.KEYS)
          .flatMap(List::stream)
          .toList();

  private static final Map<String, ConfigKey<?>> BY_NAME = index();

  private ConfigKeys() {}

  public static Optional<ConfigKey<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The known key closest to a misspelt one, for "did you mean" hints. */
  public static Optional<String> closest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : BY_NAME.keySet()) {
      int distance = editDistance(name, candidate);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  private static Map<String, ConfigKey<?>> index() {
    Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
    for (ConfigKey<?> key : ALL) {
      if (byName.put(key.name(), key) != null) {
        throw new IllegalStateException("Duplicate configuration key " + key.name());
      }
    }
    return Map.copyOf(byName);
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
