package dev.taxiplatform.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taxiplatform.core.ride.EventTimeWindow;
import dev.taxiplatform.core.ride.PaymentType;
import dev.taxiplatform.core.ride.RateCode;
import dev.taxiplatform.core.ride.RideEvent;
import dev.taxiplatform.core.ride.RideValidation;
import dev.taxiplatform.core.ride.RideValidator;
import dev.taxiplatform.core.ride.TaxiZone;
import dev.taxiplatform.core.ride.TaxiZones;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Determinism and the statistics the ingest README claims, with tolerances. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RideGeneratorTest {
  private static final Instant MONDAY = Instant.parse("2026-11-23T05:00:00Z"); // 00:00 in New York
  private static final int RIDES = 200_000;

  private final List<RideEvent> rides = new ArrayList<>();
  private final List<Instant> times = new ArrayList<>();

  @BeforeAll
  void generateTwoWeeks() {
    // About 0.165 rides per simulated second: 200,000 rides cover two weeks.
    EventClock clock = EventClock.simulated(MONDAY, RIDES / (14 * 86_400.0), 42);
    RideGenerator generator = new RideGenerator(42);
    for (int i = 0; i < RIDES; i++) {
      Instant time = clock.next();
      times.add(time);
      rides.add(generator.next(time));
    }
  }

  private double share(Predicate<RideEvent> predicate) {
    return rides.stream().filter(predicate).count() / (double) rides.size();
  }

  private List<RideEvent> where(Predicate<RideEvent> predicate) {
    return rides.stream().filter(predicate).toList();
  }

  @Test
  void theSameSeedAndStartGiveIdenticalEventsAndAnotherSeedOthers() {
    List<String> first = stream(7, 0.1);
    assertThat(stream(7, 0.1)).isEqualTo(first);
    assertThat(stream(8, 0.1)).doesNotContainAnyElementsOf(first);
    assertThat(first.get(0)).contains("\"event_timestamp\":\"2026-11-23T05:00:");
  }

  private static List<String> stream(long seed, double badFraction) {
    RideStream stream = new RideStream(seed, EventClock.simulated(MONDAY, 1.0, seed), badFraction);
    return IntStream.range(0, 2_000)
        .mapToObj(i -> new String(stream.next().value(), StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void timestampsAreIsoUtcWithMilliseconds() {
    java.time.format.DateTimeFormatter iso =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochMilli(random.nextLong(0, 253_402_300_799_999L));
      assertThat(RideGenerator.timestamp(instant)).isEqualTo(iso.format(instant));
    }
    assertThat(RideGenerator.timestamp(Instant.parse("2026-11-24T08:15:30.250Z")))
        .isEqualTo("2026-11-24T08:15:30.250Z");
    assertThat(RideGenerator.timestamp(Instant.parse("1969-12-31T23:59:59.001Z")))
        .isEqualTo("1969-12-31T23:59:59.001Z");
  }

  @Test
  void everyGeneratedRideIsValidAndUnique() {
    // Judged as of the end of the simulated fortnight, whatever today's date.
    RideValidator validator =
        RideValidator.standard(
            new EventTimeWindow(
                EventTimeWindow.DEFAULT_MAX_FUTURE_SKEW,
                java.time.Clock.fixed(MONDAY.plusSeconds(15 * 86_400), java.time.ZoneOffset.UTC)));
    assertThat(rides)
        .allSatisfy(
            r -> assertThat(validator.validate(r)).isInstanceOf(RideValidation.Valid.class));
    assertThat(rides.stream().map(RideEvent::rideId).distinct().count()).isEqualTo(RIDES);
    assertThat(rides.get(0).rideId())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void pickupsConcentrateInManhattanAndAtTheAirports() {
    assertThat(share(r -> r.pickupBorough().equals("Manhattan"))).isCloseTo(0.88, within(0.005));
    assertThat(share(r -> r.pickupZoneId() == TaxiZone.JFK_AIRPORT))
        .isCloseTo(0.045, within(0.002));
    assertThat(share(r -> r.pickupZoneId() == TaxiZone.LAGUARDIA_AIRPORT))
        .isCloseTo(0.03, within(0.002));
    double busiest = share(r -> r.pickupZoneId() == 237); // Upper East Side South
    double ordinary = share(r -> r.pickupZoneId() == 4); // Alphabet City
    assertThat(busiest / ordinary).isCloseTo(3.0, within(0.4));
    assertThat(share(r -> r.pickupBorough().equals("Staten Island"))).isLessThan(0.003);
    assertThat(where(r -> r.pickupZoneId() >= 264)).isEmpty();
  }

  @Test
  void demandFollowsTheHourOfDayAndTheWeekday() {
    int[] weekdayHours = new int[24];
    int[] weekendHours = new int[24];
    Map<DayOfWeek, Integer> byDay = new EnumMap<>(DayOfWeek.class);
    for (Instant time : times) {
      ZonedDateTime local = time.atZone(RideGenerator.NEW_YORK);
      boolean weekend = local.getDayOfWeek().getValue() >= 6;
      (weekend ? weekendHours : weekdayHours)[local.getHour()]++;
      byDay.merge(local.getDayOfWeek(), 1, Integer::sum);
    }
    // Weekday evening peak (18h, profile 6.5) vs the 3 am trough (0.7).
    assertThat(weekdayHours[18] / (double) weekdayHours[3]).isCloseTo(6.5 / 0.7, within(1.2));
    // Weekend nights stay busy: 1 am (3.7) vs 6 am (1.3).
    assertThat(weekendHours[1] / (double) weekendHours[6]).isCloseTo(3.7 / 1.3, within(0.4));
    // Thursday (1.08) is busier than Sunday (0.88).
    assertThat(byDay.get(DayOfWeek.THURSDAY) / (double) byDay.get(DayOfWeek.SUNDAY))
        .isCloseTo(1.08 / 0.88, within(0.05));
    // The simulated clock keeps its average rate: two weeks of rides.
    assertThat(times.get(times.size() - 1))
        .isBetween(MONDAY.plusSeconds(13 * 86_400), MONDAY.plusSeconds(15 * 86_400));
  }

  @Test
  void faresFollowTheRateCard() {
    List<RideEvent> standard = where(r -> r.rateCode() == RateCode.STANDARD);
    // Metered: $3.00 initial charge plus $0.70 units.
    assertThat(standard)
        .allSatisfy(
            r -> {
              long units = Math.round((r.fareAmount() - 3.0) / 0.70);
              assertThat(r.fareAmount()).isCloseTo(3.0 + 0.70 * units, within(0.001));
              assertThat(units).isPositive();
            });
    // JFK <-> Manhattan: the $70 flat fare.
    List<RideEvent> jfk = where(r -> r.rateCode() == RateCode.JFK);
    assertThat(jfk).isNotEmpty().allSatisfy(r -> assertThat(r.fareAmount()).isEqualTo(70.0));
    assertThat(jfk)
        .allSatisfy(
            r ->
                assertThat(
                        (r.pickupZoneId() == TaxiZone.JFK_AIRPORT
                                && r.dropoffBorough().equals("Manhattan"))
                            || (r.dropoffZoneId() == TaxiZone.JFK_AIRPORT
                                && r.pickupBorough().equals("Manhattan")))
                    .isTrue());
    // Newark: rate code newark, the $20 surcharge in the total.
    List<RideEvent> newark = where(r -> r.rateCode() == RateCode.NEWARK);
    assertThat(newark)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.dropoffZoneId()).isEqualTo(TaxiZone.NEWARK_AIRPORT);
              assertThat(surcharges(r)).isGreaterThanOrEqualTo(20.0 + 0.5 + 1.0 - 0.001);
            });
    // Standard trips: MTA tax + improvement surcharge, congestion surcharge in the Yellow Zone,
    // airport fee on JFK/LaGuardia pickups, and at most one time-of-day surcharge.
    double[] timeOfDay = {0, 1.0, 2.5};
    assertThat(standard)
        .allSatisfy(
            r -> {
              double rest =
                  surcharges(r)
                      - 1.5
                      - (isYellowZone(r) ? 2.5 : 0)
                      - (r.pickupZoneId() == TaxiZone.JFK_AIRPORT
                              || r.pickupZoneId() == TaxiZone.LAGUARDIA_AIRPORT
                          ? 1.75
                          : 0);
              assertThat(Arrays.stream(timeOfDay).anyMatch(a -> Math.abs(a - rest) < 0.006))
                  .as("time-of-day surcharge %s of %s", rest, r)
                  .isTrue();
            });
    // A typical Manhattan trip: about 1.9 miles, $12-18 on the meter.
    List<RideEvent> manhattan =
        where(
            r ->
                r.rateCode() == RateCode.STANDARD
                    && r.pickupBorough().equals("Manhattan")
                    && r.dropoffBorough().equals("Manhattan"));
    assertThat(median(manhattan.stream().mapToDouble(RideEvent::tripDistanceMiles).toArray()))
        .isCloseTo(1.9, within(0.15));
    assertThat(median(manhattan.stream().mapToDouble(RideEvent::fareAmount).toArray()))
        .isBetween(12.0, 18.0);
    assertThat(median(jfk.stream().mapToDouble(RideEvent::tripDistanceMiles).toArray()))
        .isCloseTo(17.5, within(0.5));
    // Tolls only where a crossing is plausible: never within Manhattan.
    assertThat(manhattan).allSatisfy(r -> assertThat(r.tollsAmount()).isZero());
    assertThat(jfk.stream().filter(r -> r.tollsAmount() > 0).count() / (double) jfk.size())
        .isCloseTo(0.45, within(0.05));
  }

  @Test
  void tipsDependOnThePaymentType() {
    assertThat(where(r -> r.paymentType() == PaymentType.CASH))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.tipAmount()).isZero());
    assertThat(where(r -> r.paymentType() != PaymentType.CREDIT_CARD))
        .allSatisfy(r -> assertThat(r.tipAmount()).isZero());
    List<RideEvent> card = where(r -> r.paymentType() == PaymentType.CREDIT_CARD);
    double meanTipShare =
        card.stream()
            .mapToDouble(r -> r.tipAmount() / (r.fareAmount() + surcharges(r)))
            .average()
            .orElseThrow();
    assertThat(meanTipShare).isCloseTo(0.199, within(0.005));
    assertThat(card.stream().filter(r -> r.tipAmount() == 0).count() / (double) card.size())
        .isCloseTo(0.07, within(0.005));
    assertThat(share(r -> r.paymentType() == PaymentType.CREDIT_CARD))
        .isCloseTo(0.805, within(0.006));
    assertThat(share(r -> r.paymentType() == PaymentType.CASH)).isCloseTo(0.175, within(0.006));
  }

  @Test
  void passengersAndDurationsArePlausible() {
    assertThat(share(r -> r.passengerCount() == 1)).isCloseTo(0.72, within(0.01));
    assertThat(share(r -> r.passengerCount() == 2)).isCloseTo(0.155, within(0.01));
    assertThat(rides).allSatisfy(r -> assertThat(r.passengerCount()).isBetween(1, 6));
    assertThat(rides)
        .allSatisfy(
            r -> {
              double mph = r.tripDistanceMiles() / (r.durationMinutes() / 60);
              assertThat(mph).isBetween(0.05, 80.0);
              assertThat(r.durationMinutes()).isGreaterThanOrEqualTo(1.0);
            });
  }

  @Test
  void injectedBadEventsAreDeterministicAndOfEveryKind() {
    RideStream stream = new RideStream(3, EventClock.simulated(MONDAY, 1.0, 3), 0.2);
    Map<BadEventKind, Integer> kinds = new EnumMap<>(BadEventKind.class);
    RideValidator validator = RideValidator.standard();
    int bad = 0;
    for (int i = 0; i < 5_000; i++) {
      RideStream.Event event = stream.next();
      RideValidation result = validator.validate(event.value());
      if (event.isBad()) {
        bad++;
        kinds.merge(event.badKind(), 1, Integer::sum);
        assertThat(result).isInstanceOf(RideValidation.Invalid.class);
        assertThat(((RideValidation.Invalid) result).violation().reason())
            .isEqualTo(event.badKind().expectedReason());
      } else {
        assertThat(result).isInstanceOf(RideValidation.Valid.class);
      }
    }
    assertThat(bad / 5_000.0).isCloseTo(0.2, within(0.02));
    assertThat(kinds).containsOnlyKeys(BadEventKind.values());
  }

  private static boolean isYellowZone(RideEvent r) {
    return TaxiZones.standard().get(r.pickupZoneId()).isYellowZone()
        || TaxiZones.standard().get(r.dropoffZoneId()).isYellowZone();
  }

  private static double surcharges(RideEvent r) {
    return r.totalAmount() - r.fareAmount() - r.tipAmount() - r.tollsAmount();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
