package dev.taxiplatform.warehouse;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.ride.PrintableText;
import dev.taxiplatform.core.ride.RideIdRule;
import java.nio.charset.StandardCharsets;

/**
 * Whether a processed row's text can be loaded: its {@code ride_id} follows {@link RideIdRule} (an
 * id of thousands of characters does not fit the key's index) and no text holds a NUL byte
 * (PostgreSQL text cannot store one). Either would fail the whole COPY, and every later load.
 */
final class RideRowCheck {
  /** The key column, which must follow {@link RideIdRule}. */
  static final String RIDE_ID = "ride_id";

  private static final int PREVIEW_CHARS = 100;

  private RideRowCheck() {}

  /**
   * Why a row is set aside.
   *
   * @param reason {@code invalid_ride_id} or {@code nul_in_text}, with the column
   * @param valuePreview the offending value, escaped and cut to a readable length
   * @param valueLength the offending value's length in characters
   */
  record Rejection(String reason, String valuePreview, int valueLength) {
    Rejection {
      requireNonNull(reason, "reason");
      requireNonNull(valuePreview, "valuePreview");
    }
  }

  /** Null when {@code column}'s UTF-8 value can be loaded, else why not. */
  static Rejection check(String column, byte[] utf8) {
    if (RIDE_ID.equals(column)) {
      String id = new String(utf8, StandardCharsets.UTF_8);
      return RideIdRule.allows(id)
          ? null
          : new Rejection("invalid_ride_id", preview(id), id.length());
    }
    for (byte b : utf8) {
      if (b == 0) {
        String value = new String(utf8, StandardCharsets.UTF_8);
        return new Rejection("nul_in_text: " + column, preview(value), value.length());
      }
    }
    return null;
  }

  private static String preview(String value) {
    return PrintableText.of(value, PREVIEW_CHARS);
  }
}
