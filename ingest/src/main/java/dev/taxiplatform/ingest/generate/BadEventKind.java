package dev.taxiplatform.ingest.generate;

import dev.taxiplatform.core.ride.ViolationReason;

/** The kinds of malformed events the producer injects to exercise the sink's dead letters. */
public enum BadEventKind {
  /** The JSON cut off part way. */
  BROKEN_JSON(ViolationReason.MALFORMED_JSON),
  /** One field left out. */
  MISSING_FIELD(ViolationReason.MISSING_FIELD),
  /** A number sent as a string. */
  WRONG_TYPE(ViolationReason.WRONG_TYPE),
  /** A negative fare. */
  NEGATIVE_FARE(ViolationReason.NEGATIVE_VALUE),
  /** A pickup zone id that is no TLC zone. */
  UNKNOWN_ZONE(ViolationReason.UNKNOWN_ZONE);

  private final ViolationReason expectedReason;

  BadEventKind(ViolationReason expectedReason) {
    this.expectedReason = expectedReason;
  }

  /** The reason the sink's validation gives for this kind of event. */
  public ViolationReason expectedReason() {
    return expectedReason;
  }
}
