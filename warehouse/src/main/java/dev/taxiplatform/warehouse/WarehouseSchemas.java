package dev.taxiplatform.warehouse;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The schemas the loader works in: {@code staging} (the loaded tables) and {@code platform} (its
 * bookkeeping). The benchmark uses a pair of its own, migrated by the same migrations.
 *
 * @param staging the schema of {@code stg_rides} and the aggregate tables
 * @param platform the schema of the loader's bookkeeping and the migration history
 */
public record WarehouseSchemas(String staging, String platform) {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** The warehouse's own schemas. */
  public static final WarehouseSchemas DEFAULT = new WarehouseSchemas("staging", "platform");

  public WarehouseSchemas {
    requireNonNull(staging, "staging");
    requireNonNull(platform, "platform");
    if (!IDENTIFIER.matcher(staging).matches() || !IDENTIFIER.matcher(platform).matches()) {
      throw new IllegalArgumentException("Schema names must be plain identifiers");
    }
  }

  /** The migrations' placeholders. */
  Map<String, String> placeholders() {
    return Map.of("staging", staging, "platform", platform);
  }
}
