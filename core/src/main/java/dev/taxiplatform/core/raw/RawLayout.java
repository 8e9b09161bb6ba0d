package dev.taxiplatform.core.raw;

import java.time.LocalDate;

/**
 * Where raw ride objects lie in the raw bucket, written by the sink and read by the batch job:
 * {@code <topic>/year=YYYY/month=MM/day=DD/<topic>+<partition>+<first offset, 20 digits>.parquet}.
 * The key is a pure function of what the file holds (the rides' topic, partition, first offset and
 * day), so a re-delivery overwrites the same object.
 */
public final class RawLayout {
  private RawLayout() {}

  /** The key of the raw file of {@code topic}'s {@code partition} from {@code firstOffset}. */
  public static String key(String topic, int partition, long firstOffset, LocalDate day) {
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

  /** The prefix under which all of {@code topic}'s raw files lie. */
  public static String topicPrefix(String topic) {
    return topic + "/";
  }
}
