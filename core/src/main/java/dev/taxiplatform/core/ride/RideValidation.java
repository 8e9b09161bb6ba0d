package dev.taxiplatform.core.ride;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** The outcome of checking one ride event against the contract. */
public sealed interface RideValidation {
  /**
   * The event is valid.
   *
   * @param ride the event
   * @param eventTime its parsed {@code event_timestamp}
   */
  record Valid(RideEvent ride, Instant eventTime) implements RideValidation {
    public Valid {
      requireNonNull(ride, "ride");
      requireNonNull(eventTime, "eventTime");
    }
  }

  /**
   * The event broke a rule (the first one found).
   *
   * @param violation which rule and why
   */
  record Invalid(Violation violation) implements RideValidation {
    public Invalid {
      requireNonNull(violation, "violation");
    }
  }
}
