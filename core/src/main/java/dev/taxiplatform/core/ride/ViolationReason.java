package dev.taxiplatform.core.ride;

/**
 * Why a ride event was rejected. {@link #code()} is the machine-readable name carried in the
 * dead-letter header {@code error.reason}.
 */
public enum ViolationReason {
  /** Not a JSON object (broken syntax, invalid UTF-8, trailing content, not an object). */
  MALFORMED_JSON("malformed_json"),
  /** A contract field is absent or null. */
  MISSING_FIELD("missing_field"),
  /** A field has the wrong JSON type (e.g. a string where an integer belongs). */
  WRONG_TYPE("wrong_type"),
  /** {@code event_timestamp} is not an ISO-8601 instant. */
  INVALID_TIMESTAMP("invalid_timestamp"),
  /** {@code event_timestamp} is before 2000 or too far in the future ({@link EventTimeWindow}). */
  TIMESTAMP_OUT_OF_RANGE("timestamp_out_of_range"),
  /** {@code ride_id} is blank. */
  BLANK_RIDE_ID("blank_ride_id"),
  /** {@code ride_id} breaks {@link RideIdRule} (too long, control or non-ASCII characters). */
  INVALID_RIDE_ID("invalid_ride_id"),
  /** A zone id is not one of the TLC's zones. */
  UNKNOWN_ZONE("unknown_zone"),
  /** A zone's name or borough differs from the TLC lookup table. */
  ZONE_MISMATCH("zone_mismatch"),
  /** {@code passenger_count} is outside 1-6. */
  INVALID_PASSENGER_COUNT("invalid_passenger_count"),
  /** {@code payment_type} is not one of the allowed values. */
  UNKNOWN_PAYMENT_TYPE("unknown_payment_type"),
  /** {@code rate_code} is not one of the allowed values. */
  UNKNOWN_RATE_CODE("unknown_rate_code"),
  /** A distance, duration or amount is negative. */
  NEGATIVE_VALUE("negative_value"),
  /** A cash ride records a tip (cash tips are never recorded). */
  CASH_TIP("cash_tip"),
  /** {@code total_amount} is less than fare + tip + tolls. */
  TOTAL_TOO_SMALL("total_too_small"),
  /**
   * Handling the event failed in a way no rule foresaw; the record is set aside so that the records
   * after it still flow. The message names the error.
   */
  UNEXPECTED_ERROR("unexpected_error");

  private final String code;

  ViolationReason(String code) {
    this.code = code;
  }

  /** The machine-readable name, e.g. {@code negative_value}. */
  public String code() {
    return code;
  }
}
