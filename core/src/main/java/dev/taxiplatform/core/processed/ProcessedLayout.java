package dev.taxiplatform.core.processed;

import java.util.List;

/**
 * Where the batch job writes in the processed bucket, and where its bookkeeping lives. See
 * docs/data-contracts.md, "Processed objects".
 */
public final class ProcessedLayout {
  /** Cleaned, enriched, deduplicated rides: {@code rides/event_date=YYYY-MM-DD/*.parquet}. */
  public static final String RIDES = "rides/";

  /** Rows that failed a rule, with the rule's name in {@code quarantine_rule}. */
  public static final String QUARANTINE = "quarantine/";

  /** Aggregate per pickup zone: {@code zone-stats/snapshot=NNNNNN/*.parquet}. */
  public static final String ZONE_STATS = "zone-stats/";

  /** Aggregate per event date and hour. */
  public static final String HOURLY_STATS = "hourly-stats/";

  /** Aggregate per payment type. */
  public static final String PAYMENT_STATS = "payment-stats/";

  /**
   * The ids of one event date's rides up to some run, in one file per date: {@code
   * ride-ids/snapshot=NNNNNN/event_date=YYYY-MM-DD/*.parquet}. A run reads a date's snapshot
   * instead of the rides files it covers to drop rides seen before; nothing downstream reads it.
   */
  public static final String RIDE_IDS = "ride-ids/";

  /** The batch job's commit log: one manifest per committed run, {@code run-NNNNNN.json}. */
  public static final String MANIFESTS = "_batch/runs/";

  /**
   * Every manifest up to some run in one object, so that reading the ledger costs a request for it
   * and one per later manifest, not one per run ever committed.
   */
  public static final String LEDGER_CHECKPOINT = MANIFESTS + "checkpoint.json";

  /** The output prefixes the batch job owns (files there not named by a manifest are garbage). */
  public static final List<String> OUTPUT_PREFIXES =
      List.of(RIDES, QUARANTINE, ZONE_STATS, HOURLY_STATS, PAYMENT_STATS, RIDE_IDS);

  /** The aggregate prefixes, as the names manifests use for them (without the slash). */
  public static final List<String> AGGREGATES =
      List.of("zone-stats", "hourly-stats", "payment-stats");

  private ProcessedLayout() {}

  /** The manifest key of run {@code sequence}. */
  public static String manifestKey(long sequence) {
    return MANIFESTS + "run-%06d.json".formatted(sequence);
  }

  /**
   * The event date of a rides or ride-id file key ({@code rides/event_date=2026-11-24/…}), or null.
   */
  public static String eventDateOf(String key) {
    int start = key.indexOf("event_date=");
    if (start < 0) {
      return null;
    }
    int end = key.indexOf('/', start);
    return end < 0 ? null : key.substring(start + "event_date=".length(), end);
  }
}
