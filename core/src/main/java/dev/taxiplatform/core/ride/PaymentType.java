package dev.taxiplatform.core.ride;

import java.util.Optional;

/** How a ride was paid, as the ride event's {@code payment_type} names it. */
public enum PaymentType {
  CREDIT_CARD("credit_card"),
  CASH("cash"),
  NO_CHARGE("no_charge"),
  DISPUTE("dispute");

  private final String wireName;

  PaymentType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the event's JSON and in the raw Parquet files. */
  public String wireName() {
    return wireName;
  }

  /** The payment type with this wire name, if any. */
  public static Optional<PaymentType> fromWireName(String name) {
    for (PaymentType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
