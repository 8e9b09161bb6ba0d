package dev.taxiplatform.batch;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A raw ride row as a test writes it (nullable fields as in the raw contract). */
record RawRide(
    String rideId,
    String eventTimestamp,
    Integer pickupZoneId,
    Integer dropoffZoneId,
    Integer passengerCount,
    Double distance,
    Double duration,
    String paymentType,
    String rateCode,
    Double fare,
    Double tip,
    Double tolls,
    Double total) {

  /** A valid ride: 10 miles, 30 minutes, fare 30, tip 6, total 38.50. */
  static RawRide valid(String rideId, String eventTimestamp) {
    return new RawRide(
        rideId,
        eventTimestamp,
        132,
        236,
        1,
        10.0,
        30.0,
        "credit_card",
        "standard",
        30.0,
        6.0,
        0.0,
        38.5);
  }

  RawRide withId(String id) {
    return new RawRide(
        id,
        eventTimestamp,
        pickupZoneId,
        dropoffZoneId,
        passengerCount,
        distance,
        duration,
        paymentType,
        rateCode,
        fare,
        tip,
        tolls,
        total);
  }

  RawRide withTimestamp(String ts) {
    return new RawRide(
        rideId,
        ts,
        pickupZoneId,
        dropoffZoneId,
        passengerCount,
        distance,
        duration,
        paymentType,
        rateCode,
        fare,
        tip,
        tolls,
        total);
  }

  RawRide withZones(Integer pickup, Integer dropoff) {
    return new RawRide(
        rideId,
        eventTimestamp,
        pickup,
        dropoff,
        passengerCount,
        distance,
        duration,
        paymentType,
        rateCode,
        fare,
        tip,
        tolls,
        total);
  }

  RawRide withPassengers(Integer count) {
    return new RawRide(
        rideId,
        eventTimestamp,
        pickupZoneId,
        dropoffZoneId,
        count,
        distance,
        duration,
        paymentType,
        rateCode,
        fare,
        tip,
        tolls,
        total);
  }

  RawRide withTrip(Double miles, Double minutes) {
    return new RawRide(
        rideId,
        eventTimestamp,
        pickupZoneId,
        dropoffZoneId,
        passengerCount,
        miles,
        minutes,
        paymentType,
        rateCode,
        fare,
        tip,
        tolls,
        total);
  }

  RawRide withCodes(String payment, String rate) {
    return new RawRide(
        rideId,
        eventTimestamp,
        pickupZoneId,
        dropoffZoneId,
        passengerCount,
        distance,
        duration,
        payment,
        rate,
        fare,
        tip,
        tolls,
        total);
  }

  RawRide withAmounts(Double fareAmount, Double tipAmount, Double tollsAmount, Double totalAmount) {
    return new RawRide(
        rideId,
        eventTimestamp,
        pickupZoneId,
        dropoffZoneId,
        passengerCount,
        distance,
        duration,
        paymentType,
        rateCode,
        fareAmount,
        tipAmount,
        tollsAmount,
        totalAmount);
  }

  Row toRow() {
    return RowFactory.create(
        rideId,
        eventTimestamp,
        pickupZoneId,
        "ignored pickup name",
        "ignored borough",
        dropoffZoneId,
        "ignored dropoff name",
        "ignored borough",
        passengerCount,
        distance,
        duration,
        paymentType,
        rateCode,
        fare,
        tip,
        tolls,
        total);
  }
}
