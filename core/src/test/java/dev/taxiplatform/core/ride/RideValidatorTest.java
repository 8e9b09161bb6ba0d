package dev.taxiplatform.core.ride;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RideValidatorTest {
  private final RideValidator validator = RideValidator.standard();

  static RideEvent ride() {
    return new RideEvent(
        "6f1c2a8e-1d2b-4c3d-8e9f-0a1b2c3d4e5f",
        "2026-11-24T08:15:30.250Z",
        132,
        "JFK Airport",
        "Queens",
        161,
        "Midtown Center",
        "Manhattan",
        2,
        17.85,
        48.5,
        PaymentType.CREDIT_CARD,
        RateCode.JFK,
        70.0,
        15.05,
        6.94,
        99.74);
  }

  private RideValidation validate(String json) {
    return validator.validate(json.getBytes(StandardCharsets.UTF_8));
  }

  private String reasonOf(String json) {
    RideValidation result = validate(json);
    assertThat(result).isInstanceOf(RideValidation.Invalid.class);
    return ((RideValidation.Invalid) result).violation().reason().code();
  }

  private static String withField(String field, String rawValue) {
    String json = RideJson.toJson(ride());
    int start = json.indexOf("\"" + field + "\":");
    int valueStart = start + field.length() + 3;
    int end = json.indexOf(",\"", valueStart);
    if (end < 0) {
      end = json.length() - 1;
    }
    return json.substring(0, valueStart) + rawValue + json.substring(end);
  }

  private static String withoutField(String field) {
    String json = RideJson.toJson(ride());
    int start = json.indexOf("\"" + field + "\":");
    int end = json.indexOf(",\"", start);
    return end < 0
        ? json.substring(0, start - 1) + "}"
        : json.substring(0, start) + json.substring(end + 1);
  }

  @Test
  void aValidEventRoundTripsThroughItsJson() {
    String json = RideJson.toJson(ride());
    assertThat(json)
        .startsWith(
            "{\"ride_id\":\"6f1c2a8e-1d2b-4c3d-8e9f-0a1b2c3d4e5f\","
                + "\"event_timestamp\":\"2026-11-24T08:15:30.250Z\",\"pickup_zone_id\":132,")
        .endsWith("\"tolls_amount\":6.94,\"total_amount\":99.74}");

    RideValidation result = validate(json);

    assertThat(result)
        .isEqualTo(new RideValidation.Valid(ride(), Instant.parse("2026-11-24T08:15:30.250Z")));
    assertThat(validator.validate(ride())).isEqualTo(result);
  }

  @Test
  void unknownFieldsAreIgnoredAndIntegersAreNumbers() {
    String json = withField("fare_amount", "70").replace("{", "{\"vendor\":{\"id\":[1,2]},");
    RideValidation result = validate(json);
    assertThat(result).isInstanceOf(RideValidation.Valid.class);
    assertThat(((RideValidation.Valid) result).ride().fareAmount()).isEqualTo(70.0);
  }

  @Test
  void eachRuleHasItsReason() {
    assertThat(reasonOf("{\"ride_id\":\"x\",")).isEqualTo("malformed_json");
    assertThat(reasonOf("[1,2]")).isEqualTo("malformed_json");
    assertThat(reasonOf(RideJson.toJson(ride()) + "{}")).isEqualTo("malformed_json");
    assertThat(reasonOf("")).isEqualTo("malformed_json");
    assertThat(validator.validate((byte[]) null))
        .isEqualTo(
            new RideValidation.Invalid(
                new Violation(ViolationReason.MALFORMED_JSON, "the event has no value (null)")));
    assertThat(reasonOf(withoutField("tip_amount"))).isEqualTo("missing_field");
    assertThat(reasonOf(withField("rate_code", "null"))).isEqualTo("missing_field");
    assertThat(reasonOf(withField("passenger_count", "\"2\""))).isEqualTo("wrong_type");
    assertThat(reasonOf(withField("passenger_count", "2.5"))).isEqualTo("wrong_type");
    assertThat(reasonOf(withField("fare_amount", "\"70.00\""))).isEqualTo("wrong_type");
    assertThat(reasonOf(withField("ride_id", "42"))).isEqualTo("wrong_type");
    assertThat(reasonOf(withField("event_timestamp", "\"yesterday\"")))
        .isEqualTo("invalid_timestamp");
    assertThat(reasonOf(withField("ride_id", "\" \""))).isEqualTo("blank_ride_id");
    assertThat(reasonOf(withField("pickup_zone_id", "266"))).isEqualTo("unknown_zone");
    assertThat(reasonOf(withField("dropoff_zone_id", "0"))).isEqualTo("unknown_zone");
    assertThat(reasonOf(withField("pickup_zone_name", "\"Midtown Center\"")))
        .isEqualTo("zone_mismatch");
    assertThat(reasonOf(withField("dropoff_borough", "\"Queens\""))).isEqualTo("zone_mismatch");
    assertThat(reasonOf(withField("passenger_count", "0"))).isEqualTo("invalid_passenger_count");
    assertThat(reasonOf(withField("passenger_count", "7"))).isEqualTo("invalid_passenger_count");
    assertThat(reasonOf(withField("payment_type", "\"bitcoin\"")))
        .isEqualTo("unknown_payment_type");
    assertThat(reasonOf(withField("rate_code", "\"1\""))).isEqualTo("unknown_rate_code");
    assertThat(reasonOf(withField("fare_amount", "-12.5"))).isEqualTo("negative_value");
    assertThat(reasonOf(withField("trip_distance_miles", "-0.1"))).isEqualTo("negative_value");
    assertThat(reasonOf(withField("payment_type", "\"cash\""))).isEqualTo("cash_tip");
    assertThat(reasonOf(withField("total_amount", "91.98"))).isEqualTo("total_too_small");
  }

  @Test
  void messagesSayWhatIsWrong() {
    RideValidation result = validate(withField("fare_amount", "-12.5"));
    assertThat(result)
        .isEqualTo(
            new RideValidation.Invalid(
                new Violation(
                    ViolationReason.NEGATIVE_VALUE,
                    "fare_amount is -12.5; distances, durations and amounts must not be"
                        + " negative")));
    RideValidation mismatch = validate(withField("pickup_zone_name", "\"Midtown Center\""));
    assertThat(((RideValidation.Invalid) mismatch).violation().message())
        .isEqualTo(
            "zone 132 is \"JFK Airport\" in Queens, but the event says \"Midtown Center\" in"
                + " Queens");
  }

  @Test
  void numbersRoundTripExactly() {
    double[] values = {0, 12.5, 70, 0.1 + 0.2, 1e-7, 123456.78, 3.0e15, 17.85, 0.07};
    for (double value : values) {
      RideEvent ride =
          new RideEvent(
              "id",
              "2026-11-24T08:15:30Z",
              132,
              "JFK Airport",
              "Queens",
              132,
              "JFK Airport",
              "Queens",
              1,
              value,
              value,
              PaymentType.CREDIT_CARD,
              RateCode.STANDARD,
              value,
              value,
              value,
              value * 4);
      RideValidation result = validator.validate(RideJson.encode(ride));
      assertThat(result).as("%s", value).isInstanceOf(RideValidation.Valid.class);
      assertThat(((RideValidation.Valid) result).ride()).isEqualTo(ride);
    }
    assertThat(RideJson.toJson(ride())).contains("\"fare_amount\":70.00,");
  }

  @Test
  void stringsAreEscaped() {
    RideEvent odd =
        new RideEvent(
            "id\"quoted\"\\/",
            "2026-11-24T08:15:30Z",
            132,
            "JFK Airport",
            "Queens",
            132,
            "JFK Airport",
            "Queens",
            1,
            0,
            1,
            PaymentType.CASH,
            RateCode.STANDARD,
            3,
            0,
            0,
            4.5);
    RideValidation result = validator.validate(RideJson.encode(odd));
    assertThat(result).isInstanceOf(RideValidation.Valid.class);
    assertThat(((RideValidation.Valid) result).ride()).isEqualTo(odd);
  }

  private String messageOf(String json) {
    return ((RideValidation.Invalid) validate(json)).violation().message();
  }

  @Test
  void eventTimesOutsideTheWindowAreRejectedNamingTheLimit() {
    RideValidator fixedNow =
        RideValidator.standard(
            new EventTimeWindow(
                java.time.Duration.ofHours(6),
                java.time.Clock.fixed(
                    Instant.parse("2026-11-24T12:00:00Z"), java.time.ZoneOffset.UTC)));
    java.util.function.Function<String, RideValidation> at =
        ts ->
            fixedNow.validate(
                withField("event_timestamp", "\"" + ts + "\"").getBytes(StandardCharsets.UTF_8));
    assertThat(at.apply("2026-11-24T18:00:00Z")).isInstanceOf(RideValidation.Valid.class);
    assertThat(at.apply("2000-01-01T00:00:00Z")).isInstanceOf(RideValidation.Valid.class);
    for (String outside :
        java.util.List.of(
            "2026-11-24T18:00:00.001Z",
            "1999-12-31T23:59:59.999Z",
            "2098-06-01T12:00:00Z",
            "+1000000000-06-01T00:00:00Z",
            "-1000000000-01-01T00:00:00Z")) {
      RideValidation result = at.apply(outside);
      assertThat(result).as(outside).isInstanceOf(RideValidation.Invalid.class);
      assertThat(((RideValidation.Invalid) result).violation().reason())
          .isEqualTo(ViolationReason.TIMESTAMP_OUT_OF_RANGE);
    }
    assertThat(((RideValidation.Invalid) at.apply("2098-06-01T12:00:00Z")).violation().message())
        .isEqualTo(
            "event_timestamp 2098-06-01T12:00:00Z is more than PT6H ahead of now"
                + " (2026-11-24T12:00:00Z); raise sink.max-future-skew if the producers' clocks"
                + " are that far ahead");
  }

  @Test
  void rideIdsFollowTheRule() {
    assertThat(validate(withField("ride_id", "\"" + "r".repeat(64) + "\"")))
        .isInstanceOf(RideValidation.Valid.class);
    assertThat(reasonOf(withField("ride_id", "\"a\\u0000b\""))).isEqualTo("invalid_ride_id");
    assertThat(messageOf(withField("ride_id", "\"a\\u0000b\"")))
        .isEqualTo(
            "ride_id \"a\\u0000b\" (3 characters) must be 1 to 64 printable ASCII characters"
                + " without spaces");
    assertThat(reasonOf(withField("ride_id", "\"" + "r".repeat(3_012) + "\"")))
        .isEqualTo("invalid_ride_id");
    assertThat(messageOf(withField("ride_id", "\"" + "r".repeat(3_012) + "\"")))
        .startsWith("ride_id \"" + "r".repeat(40) + "…\" (3012 characters)");
    assertThat(reasonOf(withField("ride_id", "\"two words\""))).isEqualTo("invalid_ride_id");
    assertThat(reasonOf(withField("ride_id", "\"caf\u00e9\""))).isEqualTo("invalid_ride_id");
  }

  @Test
  void integersBeyondThirtyTwoBitsAreNamedByTheirRule() {
    assertThat(reasonOf(withField("pickup_zone_id", "3000000000"))).isEqualTo("unknown_zone");
    assertThat(messageOf(withField("pickup_zone_id", "3000000000")))
        .isEqualTo("pickup_zone_id 3000000000 is not a TLC taxi zone (1-265)");
    assertThat(messageOf(withField("passenger_count", "-9999999999")))
        .isEqualTo("passenger_count is -9999999999; it must be 1 to 6");
    assertThat(reasonOf(withField("dropoff_zone_id", "1.5"))).isEqualTo("wrong_type");
  }
}
