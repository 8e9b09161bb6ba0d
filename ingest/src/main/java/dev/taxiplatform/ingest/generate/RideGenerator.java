package dev.taxiplatform.ingest.generate;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.ride.PaymentType;
import dev.taxiplatform.core.ride.RateCode;
import dev.taxiplatform.core.ride.RideEvent;
import dev.taxiplatform.core.ride.TaxiZone;
import dev.taxiplatform.core.ride.TaxiZones;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates realistic NYC yellow-taxi rides: where they start ({@link ZoneDemand}), where they go,
 * how far and how long given the areas and the hour, what the meter charges by the TLC's rate card
 * ({@link RateCard}), how they are paid and tipped. The same seed and the same event times give the
 * same rides. Not thread-safe.
 */
public final class RideGenerator {
  /** New York's time zone: surcharges and demand follow local time. */
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SplittableRandom random;
  private final ZoneDemand demand;

  public RideGenerator(long seed) {
    this(seed, TaxiZones.standard());
  }

  RideGenerator(long seed, TaxiZones zones) {
    this.random = new SplittableRandom(seed);
    this.demand = new ZoneDemand(requireNonNull(zones, "zones"));
  }

  /** The event's timestamp text for an instant: ISO-8601 UTC with milliseconds. */
  public static String timestamp(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds >= 253_402_300_800L) { // outside years 1970-9999
      return TIMESTAMP.format(instant);
    }
    long day = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) (seconds - day * 86_400);
    java.time.LocalDate date = java.time.LocalDate.ofEpochDay(day);
    char[] text = new char[24];
    digits(text, 0, date.getYear(), 4);
    text[4] = '-';
    digits(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    digits(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, secondOfDay % 60, 2);
    text[19] = '.';
    digits(text, 20, instant.getNano() / 1_000_000, 3);
    text[23] = 'Z';
    return new String(text);
  }

  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** A ride that ends at {@code endTime}. */
  public RideEvent next(Instant endTime) {
    UUID rideId = new UUID(random.nextLong(), random.nextLong());
    rideId =
        new UUID(
            (rideId.getMostSignificantBits() & ~0xF000L) | 0x4000L,
            (rideId.getLeastSignificantBits() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    TaxiZone pickup = demand.pickup(random);
    Area from = Area.of(pickup);
    TaxiZone dropoff = demand.dropoffIn(destination(from), random);
    Area to = Area.of(dropoff);

    double distance = distance(pickup, dropoff, from, to);
    ZonedDateTime roughStart = endTime.atZone(NEW_YORK);
    double speed = speed(from, to, distance, roughStart);
    double minutes = 1.0 + distance / speed * 60.0;
    ZonedDateTime start = endTime.minusMillis(Math.round(minutes * 60_000)).atZone(NEW_YORK);
    int hour = start.getHour();
    boolean weekday = start.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
    boolean peak = weekday && hour >= 16 && hour < 20;
    boolean overnight = hour >= 20 || hour < 6;

    RateCode rateCode = rateCode(from, to);
    double fare;
    double extra = 0;
    if (rateCode == RateCode.JFK) {
      fare = RateCard.JFK_FLAT_FARE;
      extra += peak ? RateCard.JFK_RUSH_HOUR_SURCHARGE : 0;
    } else {
      fare = meteredFare(distance, minutes, speed);
      fare =
          switch (rateCode) {
            case NASSAU_WESTCHESTER -> fare * 1.5;
            case NEGOTIATED -> Math.max(25, Math.round((3.2 * distance + 15) / 5.0) * 5.0);
            case GROUP_RIDE -> fare * 0.75;
            default -> fare;
          };
      extra +=
          (peak ? RateCard.PEAK_SURCHARGE : 0) + (overnight ? RateCard.OVERNIGHT_SURCHARGE : 0);
    }
    fare = cents(fare);
    double surcharges =
        extra
            + RateCard.MTA_TAX
            + RateCard.IMPROVEMENT_SURCHARGE
            + (pickup.isYellowZone() || dropoff.isYellowZone() ? RateCard.CONGESTION_SURCHARGE : 0)
            + (from == Area.JFK || from == Area.LAGUARDIA ? RateCard.AIRPORT_FEE : 0)
            + (rateCode == RateCode.NEWARK ? RateCard.NEWARK_SURCHARGE : 0);
    double tolls = tolls(from, to);
    PaymentType payment = paymentType(from);
    double tip = payment == PaymentType.CREDIT_CARD ? tip(fare + surcharges) : 0;
    int passengers = passengers(from, rateCode);

    return new RideEvent(
        rideId.toString(),
        timestamp(endTime),
        pickup.id(),
        pickup.name(),
        pickup.borough(),
        dropoff.id(),
        dropoff.name(),
        dropoff.borough(),
        passengers,
        cents(distance),
        cents(minutes),
        payment,
        rateCode,
        fare,
        tip,
        tolls,
        cents(fare + surcharges + tip + tolls));
  }

  private static final Area[] FROM_MANHATTAN = {
    Area.MANHATTAN,
    Area.BROOKLYN,
    Area.QUEENS,
    Area.LAGUARDIA,
    Area.JFK,
    Area.BRONX,
    Area.NEWARK,
    Area.STATEN_ISLAND,
    Area.OUTSIDE_NYC
  };
  private static final double[] FROM_MANHATTAN_SHARES = {
    0.885, 0.04, 0.03, 0.018, 0.012, 0.008, 0.003, 0.0005, 0.0035
  };
  private static final Area[] FROM_JFK = {
    Area.MANHATTAN,
    Area.BROOKLYN,
    Area.QUEENS,
    Area.LAGUARDIA,
    Area.BRONX,
    Area.STATEN_ISLAND,
    Area.NEWARK,
    Area.OUTSIDE_NYC
  };
  private static final double[] FROM_JFK_SHARES = {
    0.55, 0.17, 0.20, 0.01, 0.03, 0.005, 0.003, 0.032
  };
  private static final Area[] FROM_LAGUARDIA = {
    Area.MANHATTAN,
    Area.BROOKLYN,
    Area.QUEENS,
    Area.JFK,
    Area.BRONX,
    Area.STATEN_ISLAND,
    Area.NEWARK,
    Area.OUTSIDE_NYC
  };
  private static final double[] FROM_LAGUARDIA_SHARES = {
    0.62, 0.10, 0.20, 0.01, 0.04, 0.002, 0.002, 0.026
  };
  private static final Area[] FROM_NEWARK = {
    Area.MANHATTAN, Area.BROOKLYN, Area.QUEENS, Area.OUTSIDE_NYC
  };
  private static final double[] FROM_NEWARK_SHARES = {0.80, 0.08, 0.05, 0.07};
  private static final double[] AIRPORT_PASSENGERS = {0.60, 0.24, 0.07, 0.04, 0.03, 0.02};
  private static final double[] CITY_PASSENGERS = {0.73, 0.15, 0.04, 0.02, 0.035, 0.025};

  private Area destination(Area from) {
    double u = random.nextDouble();
    return switch (from) {
      case MANHATTAN -> pick(u, FROM_MANHATTAN, FROM_MANHATTAN_SHARES);
      case JFK -> pick(u, FROM_JFK, FROM_JFK_SHARES);
      case LAGUARDIA -> pick(u, FROM_LAGUARDIA, FROM_LAGUARDIA_SHARES);
      case NEWARK -> pick(u, FROM_NEWARK, FROM_NEWARK_SHARES);
      default -> outerBoroughDestination(from, u);
    };
  }

  private static Area outerBoroughDestination(Area from, double u) {
    if (u < 0.62) {
      return from;
    }
    if (u < 0.84) {
      return Area.MANHATTAN;
    }
    if (u < 0.93) {
      Area[] others =
          java.util.Arrays.stream(Area.values())
              .filter(a -> a.isOuterBorough() && a != from)
              .toArray(Area[]::new);
      return others[Math.min(others.length - 1, (int) ((u - 0.84) / 0.09 * others.length))];
    }
    if (u < 0.955) {
      return Area.JFK;
    }
    if (u < 0.98) {
      return Area.LAGUARDIA;
    }
    return u < 0.982 ? Area.NEWARK : Area.OUTSIDE_NYC;
  }

  private static Area pick(double u, Area[] areas, double[] probabilities) {
    double cumulative = 0;
    for (int i = 0; i < areas.length; i++) {
      cumulative += probabilities[i];
      if (u < cumulative) {
        return areas[i];
      }
    }
    return areas[areas.length - 1];
  }

  /** Metered miles: a log-normal around the typical distance between the two areas. */
  private double distance(TaxiZone pickup, TaxiZone dropoff, Area from, Area to) {
    double[] medianAndSpread =
        pickup.id() == dropoff.id() ? new double[] {0.7, 0.5} : typicalDistance(from, to);
    double miles = medianAndSpread[0] * Math.exp(medianAndSpread[1] * gaussian());
    return Math.max(0.1, Math.min(60, miles));
  }

  /** Median miles and log-normal spread between two areas. */
  static double[] typicalDistance(Area a, Area b) {
    if (a.ordinal() > b.ordinal()) {
      Area swap = a;
      a = b;
      b = swap;
    }
    if (a == b) {
      return a == Area.MANHATTAN ? new double[] {1.9, 0.55} : new double[] {2.6, 0.6};
    }
    return switch (a) {
      case MANHATTAN ->
          switch (b) {
            case BROOKLYN -> new double[] {5.5, 0.35};
            case QUEENS -> new double[] {5.8, 0.35};
            case BRONX -> new double[] {7.0, 0.3};
            case STATEN_ISLAND -> new double[] {17, 0.15};
            case JFK -> new double[] {17.5, 0.1};
            case LAGUARDIA -> new double[] {9.8, 0.15};
            case NEWARK -> new double[] {17.5, 0.12};
            default -> new double[] {24, 0.35};
          };
      case BROOKLYN ->
          switch (b) {
            case STATEN_ISLAND -> new double[] {11, 0.3};
            case JFK, LAGUARDIA -> new double[] {11, 0.3};
            case NEWARK -> new double[] {22, 0.15};
            case OUTSIDE_NYC -> new double[] {18, 0.4};
            default -> new double[] {9, 0.4};
          };
      case QUEENS ->
          switch (b) {
            case JFK -> new double[] {7.5, 0.35};
            case LAGUARDIA -> new double[] {5, 0.45};
            case NEWARK -> new double[] {25, 0.15};
            case OUTSIDE_NYC -> new double[] {18, 0.4};
            default -> new double[] {9, 0.4};
          };
      case BRONX ->
          switch (b) {
            case JFK -> new double[] {16, 0.2};
            case LAGUARDIA -> new double[] {8, 0.25};
            case NEWARK -> new double[] {26, 0.15};
            case OUTSIDE_NYC -> new double[] {15, 0.4};
            default -> new double[] {12, 0.4};
          };
      case STATEN_ISLAND ->
          switch (b) {
            case JFK -> new double[] {22, 0.15};
            case LAGUARDIA -> new double[] {26, 0.12};
            case NEWARK -> new double[] {15, 0.15};
            default -> new double[] {20, 0.4};
          };
      case JFK ->
          switch (b) {
            case LAGUARDIA -> new double[] {11, 0.08};
            case NEWARK -> new double[] {33, 0.08};
            default -> new double[] {25, 0.35};
          };
      case LAGUARDIA -> b == Area.NEWARK ? new double[] {26, 0.08} : new double[] {22, 0.35};
      default -> new double[] {30, 0.3};
    };
  }

  /** Average speed in mph: slower in Manhattan and in rush hours. */
  private double speed(Area from, Area to, double distance, ZonedDateTime time) {
    double congested;
    double free;
    if (from.isAirport() || to.isAirport() || to == Area.OUTSIDE_NYC || distance > 8) {
      congested = 20;
      free = 30;
    } else if (from == Area.MANHATTAN && to == Area.MANHATTAN) {
      congested = 7;
      free = 13;
    } else {
      congested = 11;
      free = 18;
    }
    double congestion = congestion(time);
    double speed = free - congestion * (free - congested);
    return speed * Math.exp(0.2 * gaussian());
  }

  /** 1 in weekday rush hours, 0 at night. */
  static double congestion(ZonedDateTime time) {
    int hour = time.getHour();
    if (time.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()) {
      if (hour >= 7 && hour < 20) {
        return 1;
      }
      return hour == 6 || hour == 20 || hour == 21 ? 0.5 : 0;
    }
    if (hour >= 11 && hour < 21) {
      return 0.6;
    }
    return hour >= 9 && hour < 24 ? 0.3 : 0;
  }

  /**
   * The meter: distance units while moving at 12 mph or more, time units while slower. The share of
   * time spent slow grows as the average speed falls.
   */
  static double meteredFare(double distance, double minutes, double speed) {
    double slowShare = Math.max(0.05, Math.min(0.85, (14 - speed) / 14 + 0.05));
    double slowMinutes = minutes * slowShare;
    double slowMiles = slowMinutes / 60 * 3.0;
    double fastMiles = Math.max(0, distance - slowMiles);
    long distanceUnits = (long) Math.ceil(fastMiles * RateCard.UNITS_PER_MILE);
    long timeUnits = (long) Math.ceil(slowMinutes);
    return RateCard.meteredFare(distanceUnits, timeUnits);
  }

  private RateCode rateCode(Area from, Area to) {
    if ((from == Area.JFK && to == Area.MANHATTAN) || (from == Area.MANHATTAN && to == Area.JFK)) {
      return RateCode.JFK;
    }
    if (to == Area.NEWARK) {
      return RateCode.NEWARK;
    }
    if (to == Area.OUTSIDE_NYC) {
      return random.nextDouble() < 0.6 ? RateCode.NASSAU_WESTCHESTER : RateCode.NEGOTIATED;
    }
    double u = random.nextDouble();
    if (u < 0.0015) {
      return RateCode.NEGOTIATED;
    }
    return u < 0.002 ? RateCode.GROUP_RIDE : RateCode.STANDARD;
  }

  private double tolls(Area from, Area to) {
    Area a = from.ordinal() <= to.ordinal() ? from : to;
    Area b = from.ordinal() <= to.ordinal() ? to : from;
    double probability;
    double toll = RateCard.MTA_CROSSING_TOLL;
    if (a == Area.NEWARK || b == Area.NEWARK) {
      probability = a == b ? 0 : 0.95;
      toll = RateCard.HUDSON_CROSSING_TOLL;
    } else if (a == b) {
      probability = 0;
    } else if (a == Area.STATEN_ISLAND || b == Area.STATEN_ISLAND) {
      probability = 0.85;
    } else if (a == Area.MANHATTAN && b == Area.JFK) {
      probability = 0.45;
    } else if (a == Area.MANHATTAN && b == Area.LAGUARDIA) {
      probability = 0.55;
    } else if (a == Area.MANHATTAN && (b == Area.BRONX || b == Area.QUEENS)) {
      probability = 0.25;
    } else if (a == Area.MANHATTAN && b == Area.BROOKLYN) {
      probability = 0.10;
    } else if (a == Area.BRONX && (b == Area.JFK || b == Area.LAGUARDIA)) {
      probability = 0.7;
    } else if (b == Area.OUTSIDE_NYC) {
      probability = 0.6;
    } else {
      probability = 0.05;
    }
    return random.nextDouble() < probability ? toll : 0;
  }

  private PaymentType paymentType(Area from) {
    double u = random.nextDouble();
    double card = from == Area.JFK || from == Area.LAGUARDIA ? 0.88 : 0.80;
    if (u < card) {
      return PaymentType.CREDIT_CARD;
    }
    if (u < 0.98) {
      return PaymentType.CASH;
    }
    return u < 0.992 ? PaymentType.NO_CHARGE : PaymentType.DISPUTE;
  }

  /** Card tips: the screen's presets of 20, 25 and 30 %, a custom amount, or none. */
  private double tip(double base) {
    double u = random.nextDouble();
    double percent;
    if (u < 0.07) {
      percent = 0;
    } else if (u < 0.52) {
      percent = 20;
    } else if (u < 0.74) {
      percent = 25;
    } else if (u < 0.84) {
      percent = 30;
    } else {
      percent = 10 + 10 * random.nextDouble();
    }
    return cents(base * percent / 100);
  }

  private int passengers(Area from, RateCode rateCode) {
    double[] shares = from.isAirport() ? AIRPORT_PASSENGERS : CITY_PASSENGERS;
    double u = random.nextDouble();
    int count = 6;
    double cumulative = 0;
    for (int i = 0; i < shares.length; i++) {
      cumulative += shares[i];
      if (u < cumulative) {
        count = i + 1;
        break;
      }
    }
    return rateCode == RateCode.GROUP_RIDE ? Math.max(2, count) : count;
  }

  private double gaussian() {
    // Box-Muller from the generator's own stream keeps results reproducible across JDKs.
    double u1 = Math.max(Double.MIN_NORMAL, random.nextDouble());
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  static double cents(double amount) {
    return Math.round(amount * 100) / 100.0;
  }
}
