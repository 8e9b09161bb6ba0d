package dev.taxiplatform.ingest.generate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taxiplatform.core.ride.RideEvent;
import dev.taxiplatform.core.ride.RideField;
import dev.taxiplatform.core.ride.RideJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The producer's stream of topic records: generated rides as JSON keyed by pickup zone, a {@code
 * badFraction} of them corrupted (one {@link BadEventKind} each). Same seed, same clock times: same
 * records. Not thread-safe.
 */
public final class RideStream {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<RideField> NUMERIC_FIELDS =
      RideField.ALL.stream().filter(f -> f.type() != RideField.Type.STRING).toList();

  private final RideGenerator generator;
  private final EventClock clock;
  private final double badFraction;
  private final SplittableRandom badRandom;

  /**
   * One record of the stream.
   *
   * @param key the topic key (the pickup zone id)
   * @param value the record's bytes
   * @param ride the ride it was made from
   * @param badKind how it was corrupted, or null for a valid event
   */
  public record Event(String key, byte[] value, RideEvent ride, BadEventKind badKind) {
    public boolean isBad() {
      return badKind != null;
    }
  }

  public RideStream(long seed, EventClock clock, double badFraction) {
    if (!(badFraction >= 0 && badFraction <= 1)) {
      throw new IllegalArgumentException("badFraction must be within [0, 1]: " + badFraction);
    }
    this.generator = new RideGenerator(seed);
    this.clock = requireNonNull(clock, "clock");
    this.badFraction = badFraction;
    this.badRandom = new SplittableRandom(seed * 31 + 7);
  }

  public Event next() {
    RideEvent ride = generator.next(clock.next());
    if (badFraction > 0 && badRandom.nextDouble() < badFraction) {
      BadEventKind kind = BadEventKind.values()[badRandom.nextInt(BadEventKind.values().length)];
      return corrupt(ride, kind);
    }
    return new Event(ride.key(), RideJson.encode(ride), ride, null);
  }

  private Event corrupt(RideEvent ride, BadEventKind kind) {
    String json = RideJson.toJson(ride);
    String key = ride.key();
    byte[] value;
    switch (kind) {
      case BROKEN_JSON -> {
        int cut = 1 + badRandom.nextInt(json.length() - 1);
        value = json.substring(0, cut).getBytes(StandardCharsets.UTF_8);
      }
      case MISSING_FIELD -> {
        ObjectNode tree = tree(json);
        tree.remove(RideField.ALL.get(badRandom.nextInt(RideField.ALL.size())).jsonName());
        value = bytes(tree);
      }
      case WRONG_TYPE -> {
        ObjectNode tree = tree(json);
        String field = NUMERIC_FIELDS.get(badRandom.nextInt(NUMERIC_FIELDS.size())).jsonName();
        tree.put(field, tree.get(field).asText());
        value = bytes(tree);
      }
      case NEGATIVE_FARE -> {
        ObjectNode tree = tree(json);
        tree.put(RideField.FARE_AMOUNT.jsonName(), -Math.max(0.01, ride.fareAmount()));
        value = bytes(tree);
      }
      case UNKNOWN_ZONE -> {
        ObjectNode tree = tree(json);
        int zone = 266 + badRandom.nextInt(700);
        tree.put(RideField.PICKUP_ZONE_ID.jsonName(), zone);
        key = Integer.toString(zone);
        value = bytes(tree);
      }
      default -> throw new IllegalStateException(kind.name());
    }
    return new Event(key, value, ride, kind);
  }

  private static ObjectNode tree(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(ObjectNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
