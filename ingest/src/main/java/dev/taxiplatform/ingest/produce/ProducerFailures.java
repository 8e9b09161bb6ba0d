package dev.taxiplatform.ingest.produce;

/** How a run's failed sends are reported: what is certain, what is not, and what to do. */
final class ProducerFailures {
  private ProducerFailures() {}

  /** The message for {@code failed} refused and {@code unknown} timed-out sends. */
  static String describe(long failed, long unknown, String topic) {
    StringBuilder text = new StringBuilder();
    if (failed > 0) {
      text.append(
          "%,d events were refused by Kafka and are not in %s; they can be sent again."
              .formatted(failed, topic));
    }
    if (unknown > 0) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(
          ("%,d events have an unknown outcome: their sends timed out, and Kafka may have written"
                  + " them anyway. Do not re-send them as failed (that may duplicate rides): compare"
                  + " what reached %s (its end offsets) with what was sent first.")
              .formatted(unknown, topic));
    }
    return text.toString();
  }
}
