package dev.taxiplatform.core.ride;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fields of a ride event, in contract order, with their JSON names and types (see {@code
 * docs/data-contracts.md}). The raw Parquet files have one column per field, in this order.
 */
public enum RideField {
  RIDE_ID("ride_id", Type.STRING),
  EVENT_TIMESTAMP("event_timestamp", Type.STRING),
  PICKUP_ZONE_ID("pickup_zone_id", Type.INTEGER),
  PICKUP_ZONE_NAME("pickup_zone_name", Type.STRING),
  PICKUP_BOROUGH("pickup_borough", Type.STRING),
  DROPOFF_ZONE_ID("dropoff_zone_id", Type.INTEGER),
  DROPOFF_ZONE_NAME("dropoff_zone_name", Type.STRING),
  DROPOFF_BOROUGH("dropoff_borough", Type.STRING),
  PASSENGER_COUNT("passenger_count", Type.INTEGER),
  TRIP_DISTANCE_MILES("trip_distance_miles", Type.NUMBER),
  DURATION_MINUTES("duration_minutes", Type.NUMBER),
  PAYMENT_TYPE("payment_type", Type.STRING),
  RATE_CODE("rate_code", Type.STRING),
  FARE_AMOUNT("fare_amount", Type.NUMBER),
  TIP_AMOUNT("tip_amount", Type.NUMBER),
  TOLLS_AMOUNT("tolls_amount", Type.NUMBER),
  TOTAL_AMOUNT("total_amount", Type.NUMBER);

  /** Every field, in contract order. */
  public static final List<RideField> ALL = List.of(values());

  /** A field's JSON type. */
  public enum Type {
    /** A JSON string; a {@code BINARY} (UTF-8) column. */
    STRING,
    /** A JSON integer; an {@code INT32} column. */
    INTEGER,
    /** A JSON number; a {@code DOUBLE} column. */
    NUMBER
  }

  private final String jsonName;
  private final Type type;

  RideField(String jsonName, Type type) {
    this.jsonName = jsonName;
    this.type = type;
  }

  /** The field's name in the event's JSON and the raw Parquet column's name. */
  public String jsonName() {
    return jsonName;
  }

  public Type type() {
    return type;
  }

  private static final Map<String, RideField> BY_JSON_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(RideField::jsonName, f -> f));

  /** The field with this JSON name, if any. */
  public static Optional<RideField> byJsonName(String name) {
    return Optional.ofNullable(BY_JSON_NAME.get(name));
  }

  /** The field with this JSON name, or null. */
  static RideField lookup(String name) {
    return BY_JSON_NAME.get(name);
  }
}
