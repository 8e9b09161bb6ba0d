package dev.taxiplatform.core.ride;

import java.util.regex.Pattern;

/**
 * What a {@code ride_id} may hold: 1 to {@value #MAX_LENGTH} printable ASCII characters, no spaces.
 * A longer id does not fit the warehouse's key index, and control characters (NUL above all) cannot
 * be stored in PostgreSQL text; both would block every later load.
 */
public final class RideIdRule {
  /** The longest ride id. */
  public static final int MAX_LENGTH = 64;

  /** The characters an id may hold, as a range of a regular expression's character class. */
  public static final String CHARACTER_RANGE = "!-~";

  /**
   * The whole id as a regular expression (Java's syntax): the characters {@code !} (0x21) to {@code
   * ~} (0x7E).
   */
  public static final String REGEX = "[" + CHARACTER_RANGE + "]{1," + MAX_LENGTH + "}";

  /** The rule in words, for messages. */
  public static final String DESCRIPTION =
      "1 to " + MAX_LENGTH + " printable ASCII characters without spaces";

  private static final Pattern PATTERN = Pattern.compile(REGEX);

  private RideIdRule() {}

  /** True when {@code rideId} follows the rule. */
  public static boolean allows(String rideId) {
    return rideId != null && PATTERN.matcher(rideId).matches();
  }
}
