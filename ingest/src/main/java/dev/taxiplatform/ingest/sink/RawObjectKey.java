package dev.taxiplatform.ingest.sink;

import java.time.LocalDate;

/**
 * The S3 key of a raw Parquet file, a pure function of what the file holds (see {@code
 * docs/data-contracts.md}): {@code <topic>/year=YYYY/month=MM/day=DD/<topic>+<partition>+<first
 * offset, 20 digits>.parquet}, the date being the rides' own (UTC) day.
 */
public final class RawObjectKey {
  private RawObjectKey() {}

  public static String of(String topic, int partition, long firstOffset, LocalDate day) {
    return "%s/year=%04d/month=%02d/day=%02d/%s+%d+%020d.parquet"
        .formatted(
            topic,
            day.getYear(),
            day.getMonthValue(),
            day.getDayOfMonth(),
            topic,
            partition,
            firstOffset);
  }

  /** The prefix under which all of a topic's raw files lie. */
  public static String topicPrefix(String topic) {
    return topic + "/";
  }
}
