package dev.taxiplatform.core.ride;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a ride event's JSON and checks it against the contract ({@code docs/data-contracts.md}):
 * every field present with its JSON type, an ISO-8601 timestamp, real TLC zones whose names and
 * boroughs match the lookup table, 1-6 passengers, known payment types and rate codes, no negative
 * distances, durations or amounts, no recorded cash tips, and a total no smaller than fare + tip +
 * tolls. Unknown extra fields are ignored. Thread-safe.
 */
public final class RideValidator {
  /** Slack for rounding when comparing the total with its parts. */
  private static final double CENT_TOLERANCE = 0.005;

  private static final int FIELD_COUNT = RideField.ALL.size();

  private final TaxiZones zones;
  private final EventTimeWindow window;
  private final JsonFactory json;

  public RideValidator(TaxiZones zones, EventTimeWindow window) {
    this.zones = requireNonNull(zones, "zones");
    this.window = requireNonNull(window, "window");
    this.json =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
  }

  /** A validator using the TLC's zones and the default event-time window. */
  public static RideValidator standard() {
    return standard(EventTimeWindow.standard());
  }

  /** A validator using the TLC's zones and the given event-time window. */
  public static RideValidator standard(EventTimeWindow window) {
    return new RideValidator(TaxiZones.standard(), window);
  }

  /** Checks one event's UTF-8 JSON (null counts as malformed). */
  public RideValidation validate(byte[] utf8Json) {
    if (utf8Json == null) {
      return invalid(ViolationReason.MALFORMED_JSON, "the event has no value (null)");
    }
    Object[] values = new Object[FIELD_COUNT];
    RideValidation.Invalid shapeProblem;
    try (JsonParser parser = json.createParser(utf8Json)) {
      shapeProblem = readFields(parser, values);
    } catch (IOException e) {
      return invalid(ViolationReason.MALFORMED_JSON, "not valid JSON: " + firstLine(e));
    }
    if (shapeProblem != null) {
      return shapeProblem;
    }
    return check(values);
  }

  /** Checks an event already in typed form (e.g. one about to be published). */
  public RideValidation validate(RideEvent ride) {
    Object[] values = new Object[FIELD_COUNT];
    values[RideField.RIDE_ID.ordinal()] = ride.rideId();
    values[RideField.EVENT_TIMESTAMP.ordinal()] = ride.eventTimestamp();
    values[RideField.PICKUP_ZONE_ID.ordinal()] = ride.pickupZoneId();
    values[RideField.PICKUP_ZONE_NAME.ordinal()] = ride.pickupZoneName();
    values[RideField.PICKUP_BOROUGH.ordinal()] = ride.pickupBorough();
    values[RideField.DROPOFF_ZONE_ID.ordinal()] = ride.dropoffZoneId();
    values[RideField.DROPOFF_ZONE_NAME.ordinal()] = ride.dropoffZoneName();
    values[RideField.DROPOFF_BOROUGH.ordinal()] = ride.dropoffBorough();
    values[RideField.PASSENGER_COUNT.ordinal()] = ride.passengerCount();
    values[RideField.TRIP_DISTANCE_MILES.ordinal()] = ride.tripDistanceMiles();
    values[RideField.DURATION_MINUTES.ordinal()] = ride.durationMinutes();
    values[RideField.PAYMENT_TYPE.ordinal()] = ride.paymentType().wireName();
    values[RideField.RATE_CODE.ordinal()] = ride.rateCode().wireName();
    values[RideField.FARE_AMOUNT.ordinal()] = ride.fareAmount();
    values[RideField.TIP_AMOUNT.ordinal()] = ride.tipAmount();
    values[RideField.TOLLS_AMOUNT.ordinal()] = ride.tollsAmount();
    values[RideField.TOTAL_AMOUNT.ordinal()] = ride.totalAmount();
    return check(values);
  }

  /** Reads the object's fields into {@code values}; returns a violation of shape or type. */
  private static RideValidation.Invalid readFields(JsonParser parser, Object[] values)
      throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return invalid(ViolationReason.MALFORMED_JSON, "the event is not a JSON object");
    }
    RideValidation.Invalid typeProblem = null;
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_OBJECT;
        token = parser.nextToken()) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      RideField field = RideField.lookup(name);
      if (field == null || value == JsonToken.VALUE_NULL) {
        parser.skipChildren();
        continue;
      }
      Object read = readValue(parser, field, value);
      if (read == null) {
        parser.skipChildren();
        if (typeProblem == null) {
          typeProblem =
              field.type() == RideField.Type.INTEGER && value == JsonToken.VALUE_NUMBER_INT
                  ? outOfIntegerRange(field, parser.getText())
                  : invalid(
                      ViolationReason.WRONG_TYPE,
                      "%s must be a JSON %s, not %s"
                          .formatted(name, describe(field.type()), describe(value)));
        }
        continue;
      }
      values[field.ordinal()] = read;
    }
    if (parser.nextToken() != null) {
      return invalid(ViolationReason.MALFORMED_JSON, "content after the event's JSON object");
    }
    for (RideField field : RideField.ALL) {
      if (values[field.ordinal()] == null && typeProblem == null) {
        return invalid(
            ViolationReason.MISSING_FIELD,
            "field %s is missing or null".formatted(field.jsonName()));
      }
    }
    return typeProblem;
  }

  /** A whole number too large for the field: the field's own rule names it. */
  private static RideValidation.Invalid outOfIntegerRange(RideField field, String number) {
    return switch (field) {
      case PICKUP_ZONE_ID, DROPOFF_ZONE_ID ->
          invalid(
              ViolationReason.UNKNOWN_ZONE,
              "%s %s is not a TLC taxi zone (1-265)".formatted(field.jsonName(), number));
      case PASSENGER_COUNT ->
          invalid(
              ViolationReason.INVALID_PASSENGER_COUNT,
              "passenger_count is %s; it must be 1 to 6".formatted(number));
      default ->
          invalid(
              ViolationReason.WRONG_TYPE,
              "%s is %s, outside the range of a 32-bit integer"
                  .formatted(field.jsonName(), number));
    };
  }

  private static Object readValue(JsonParser parser, RideField field, JsonToken value)
      throws IOException {
    return switch (field.type()) {
      case STRING -> value == JsonToken.VALUE_STRING ? parser.getText() : null;
      case INTEGER ->
          value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
              ? parser.getIntValue()
              : null;
      case NUMBER ->
          value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT
              ? parser.getDoubleValue()
              : null;
    };
  }

  private RideValidation check(Object[] values) {
    String timestamp = text(values, RideField.EVENT_TIMESTAMP);
    Instant eventTime;
    try {
      eventTime = IsoInstants.parse(timestamp);
    } catch (DateTimeParseException e) {
      return invalid(
          ViolationReason.INVALID_TIMESTAMP,
          "event_timestamp \"%s\" is not an ISO-8601 UTC instant such as 2026-11-24T08:15:30.250Z"
              .formatted(timestamp));
    }
    String timeProblem = window.problem(eventTime).orElse(null);
    if (timeProblem != null) {
      return invalid(ViolationReason.TIMESTAMP_OUT_OF_RANGE, timeProblem);
    }
    String rideId = text(values, RideField.RIDE_ID);
    if (rideId.isBlank()) {
      return invalid(ViolationReason.BLANK_RIDE_ID, "ride_id is blank");
    }
    if (!RideIdRule.allows(rideId)) {
      return invalid(
          ViolationReason.INVALID_RIDE_ID,
          "ride_id %s (%d characters) must be %s"
              .formatted(
                  "\"" + PrintableText.of(rideId, 40) + "\"",
                  rideId.length(),
                  RideIdRule.DESCRIPTION));
    }
    RideValidation.Invalid zoneProblem =
        checkZone(
            values, RideField.PICKUP_ZONE_ID, RideField.PICKUP_ZONE_NAME, RideField.PICKUP_BOROUGH);
    if (zoneProblem == null) {
      zoneProblem =
          checkZone(
              values,
              RideField.DROPOFF_ZONE_ID,
              RideField.DROPOFF_ZONE_NAME,
              RideField.DROPOFF_BOROUGH);
    }
    if (zoneProblem != null) {
      return zoneProblem;
    }
    int passengers = integer(values, RideField.PASSENGER_COUNT);
    if (passengers < 1 || passengers > 6) {
      return invalid(
          ViolationReason.INVALID_PASSENGER_COUNT,
          "passenger_count is %d; it must be 1 to 6".formatted(passengers));
    }
    String payment = text(values, RideField.PAYMENT_TYPE);
    PaymentType paymentType = PaymentType.fromWireName(payment).orElse(null);
    if (paymentType == null) {
      return invalid(
          ViolationReason.UNKNOWN_PAYMENT_TYPE,
          "payment_type \"%s\" is not one of credit_card, cash, no_charge, dispute"
              .formatted(payment));
    }
    String rate = text(values, RideField.RATE_CODE);
    RateCode rateCode = RateCode.fromWireName(rate).orElse(null);
    if (rateCode == null) {
      return invalid(
          ViolationReason.UNKNOWN_RATE_CODE,
          ("rate_code \"%s\" is not one of standard, jfk, newark, nassau_westchester, negotiated,"
                  + " group_ride")
              .formatted(rate));
    }
    for (RideField field : RideField.ALL) {
      if (field.type() == RideField.Type.NUMBER && number(values, field) < 0) {
        return invalid(
            ViolationReason.NEGATIVE_VALUE,
            "%s is %s; distances, durations and amounts must not be negative"
                .formatted(field.jsonName(), number(values, field)));
      }
    }
    double fare = number(values, RideField.FARE_AMOUNT);
    double tip = number(values, RideField.TIP_AMOUNT);
    double tolls = number(values, RideField.TOLLS_AMOUNT);
    double total = number(values, RideField.TOTAL_AMOUNT);
    if (paymentType == PaymentType.CASH && tip > 0) {
      return invalid(
          ViolationReason.CASH_TIP,
          "tip_amount is %s on a cash ride; cash tips are not recorded".formatted(tip));
    }
    if (total + CENT_TOLERANCE < fare + tip + tolls) {
      return invalid(
          ViolationReason.TOTAL_TOO_SMALL,
          "total_amount %s is less than fare_amount + tip_amount + tolls_amount = %.2f"
              .formatted(total, fare + tip + tolls));
    }
    return new RideValidation.Valid(
        new RideEvent(
            rideId,
            timestamp,
            integer(values, RideField.PICKUP_ZONE_ID),
            text(values, RideField.PICKUP_ZONE_NAME),
            text(values, RideField.PICKUP_BOROUGH),
            integer(values, RideField.DROPOFF_ZONE_ID),
            text(values, RideField.DROPOFF_ZONE_NAME),
            text(values, RideField.DROPOFF_BOROUGH),
            passengers,
            number(values, RideField.TRIP_DISTANCE_MILES),
            number(values, RideField.DURATION_MINUTES),
            paymentType,
            rateCode,
            fare,
            tip,
            tolls,
            total),
        eventTime);
  }

  private RideValidation.Invalid checkZone(
      Object[] values, RideField idField, RideField nameField, RideField boroughField) {
    int id = integer(values, idField);
    TaxiZone zone = zones.byId(id).orElse(null);
    if (zone == null) {
      return invalid(
          ViolationReason.UNKNOWN_ZONE,
          "%s %d is not a TLC taxi zone (1-265)".formatted(idField.jsonName(), id));
    }
    String name = text(values, nameField);
    String borough = text(values, boroughField);
    if (!zone.name().equals(name) || !zone.borough().equals(borough)) {
      return invalid(
          ViolationReason.ZONE_MISMATCH,
          "zone %d is \"%s\" in %s, but the event says \"%s\" in %s"
              .formatted(id, zone.name(), zone.borough(), name, borough));
    }
    return null;
  }

  private static String text(Object[] values, RideField field) {
    return (String) values[field.ordinal()];
  }

  private static int integer(Object[] values, RideField field) {
    return (Integer) values[field.ordinal()];
  }

  private static double number(Object[] values, RideField field) {
    return (Double) values[field.ordinal()];
  }

  private static RideValidation.Invalid invalid(ViolationReason reason, String message) {
    return new RideValidation.Invalid(new Violation(reason, message));
  }

  private static String describe(RideField.Type type) {
    return switch (type) {
      case STRING -> "string";
      case INTEGER -> "integer";
      case NUMBER -> "number";
    };
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a number with a fraction";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> token.name();
    };
  }

  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
