package dev.taxiplatform.core.ride;

import static java.util.Objects.requireNonNull;

/**
 * A rule a ride event broke.
 *
 * @param reason which rule
 * @param message what exactly is wrong, for people
 */
public record Violation(ViolationReason reason, String message) {
  public Violation {
    requireNonNull(reason, "reason");
    requireNonNull(message, "message");
  }
}
