package dev.taxiplatform.ingest.produce;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.ingest.generate.BadEventKind;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a producer run did.
 *
 * @param topic where it published
 * @param sent events handed to Kafka
 * @param acknowledged events Kafka acknowledged
 * @param failed events Kafka refused: certainly not written
 * @param unknownOutcome events whose send timed out or was cut off: they may or may not have been
 *     written (re-sending them may duplicate them)
 * @param bad malformed events injected, by kind
 * @param bytes total size of the events' values
 * @param elapsed how long the run took
 * @param seed the generator's seed (replay with {@code --seed})
 * @param firstFailure the first send failure, or null
 */
public record ProducerSummary(
    String topic,
    long sent,
    long acknowledged,
    long failed,
    long unknownOutcome,
    Map<BadEventKind, Long> bad,
    long bytes,
    Duration elapsed,
    long seed,
    Exception firstFailure) {
  public ProducerSummary {
    requireNonNull(topic, "topic");
    bad = Map.copyOf(bad);
    requireNonNull(elapsed, "elapsed");
  }

  public long badTotal() {
    return bad.values().stream().mapToLong(Long::longValue).sum();
  }

  public double eventsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? acknowledged / seconds : 0;
  }

  /** The summary line printed at the end of a run. */
  public String describe() {
    String badText =
        bad.isEmpty()
            ? "0 malformed"
            : "%,d malformed (%s)"
                .formatted(
                    badTotal(),
                    bad.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(
                            e ->
                                e.getKey().expectedReason().code()
                                    + " "
                                    + "%,d".formatted(e.getValue()))
                        .collect(Collectors.joining(", ")));
    return ("Produced %,d ride events to %s in %.1f s: %,.0f events/s, %.1f MB (%d B/event);"
            + " %s; %,d failed%s; seed %d.")
        .formatted(
            acknowledged,
            topic,
            elapsed.toNanos() / 1e9,
            eventsPerSecond(),
            bytes / 1e6,
            sent == 0 ? 0 : bytes / sent,
            badText,
            failed,
            unknownOutcome == 0
                ? ""
                : "; %,d with unknown outcome (timed out: they may be in the topic)"
                    .formatted(unknownOutcome),
            seed);
  }
}
