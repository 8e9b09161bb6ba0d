package dev.taxiplatform.core.config;

import java.util.List;

/**
 * Settings of the warehouse loader ({@code platform load}).
 *
 * @param batchFiles processed files loaded per transaction
 */
public record LoaderSettings(int batchFiles) {
  public static final ConfigKey<Integer> BATCH_FILES =
      ConfigKey.builder("loader.batch-files", ValueTypes.integer(1, 10_000))
          .env("LOADER_BATCH_FILES")
          .defaultValue(8)
          .description(
              "Processed files the loader loads in one transaction (recorded in the same one).")
          .build();

  public static final List<ConfigKey<?>> KEYS = List.of(BATCH_FILES);

  /** The loader settings of {@code config}. */
  public static LoaderSettings from(PlatformConfig config) {
    return new LoaderSettings(config.get(BATCH_FILES));
  }
}
