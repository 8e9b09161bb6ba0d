package dev.taxiplatform.transform.artifacts;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code metadata} block every dbt artifact starts with. */
final class ArtifactMetadata {
  /** The dbt version whose artifact formats the engine writes. */
  static final String DBT_VERSION = "1.10.0";

  private ArtifactMetadata() {}

  static Map<String, Object> of(String schemaUrl, String invocationId, Instant generatedAt) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("dbt_schema_version", schemaUrl);
    metadata.put("dbt_version", DBT_VERSION);
    metadata.put("generated_at", timestamp(generatedAt));
    metadata.put("invocation_id", invocationId);
    metadata.put("env", Map.of());
    return metadata;
  }

  static String timestamp(Instant instant) {
    return instant == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
  }
}
