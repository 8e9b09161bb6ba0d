package dev.taxiplatform.ingest.generate;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;

/**
 * How taxi demand varies over the week: a 24-hour profile for weekdays and one for weekends, and a
 * factor per day of the week, shaped after the TLC's yellow-taxi trip records (see the ingest
 * README). {@link #intensity} is normalized so that its mean over a week is 1.
 */
final class DemandProfile {
  /** Relative pickups per hour of day (local time), Monday to Friday. */
  private static final double[] WEEKDAY = {
    2.2, 1.3, 0.9, 0.7, 0.8, 1.3, 2.8, 4.3, 5.0, 4.9, 4.7, 4.8, 5.0, 5.0, 5.2, 5.3, 5.4, 6.1, 6.5,
    6.2, 5.6, 5.2, 4.6, 3.4
  };

  /** Relative pickups per hour of day (local time), Saturday and Sunday. */
  private static final double[] WEEKEND = {
    4.6, 3.7, 2.8, 2.0, 1.3, 1.0, 1.3, 1.9, 2.7, 3.6, 4.3, 4.7, 5.0, 5.1, 5.1, 5.1, 5.1, 5.4, 5.6,
    5.4, 5.0, 4.9, 4.9, 4.8
  };

  /** Relative volume per day of the week, Monday first. */
  private static final double[] DAY_OF_WEEK = {0.90, 0.98, 1.03, 1.08, 1.07, 1.02, 0.88};

  private final double[][] intensity = new double[7][24];

  DemandProfile() {
    double sum = 0;
    for (int day = 0; day < 7; day++) {
      double[] hours = day >= 5 ? WEEKEND : WEEKDAY;
      double dayTotal = 0;
      for (double h : hours) {
        dayTotal += h;
      }
      for (int hour = 0; hour < 24; hour++) {
        intensity[day][hour] = DAY_OF_WEEK[day] * hours[hour] / dayTotal * 24;
        sum += intensity[day][hour];
      }
    }
    double mean = sum / (7 * 24);
    for (double[] day : intensity) {
      for (int hour = 0; hour < 24; hour++) {
        day[hour] /= mean;
      }
    }
  }

  /** Demand at this local time relative to the week's mean. */
  double intensity(ZonedDateTime localTime) {
    return intensity(localTime.getDayOfWeek(), localTime.getHour());
  }

  double intensity(DayOfWeek day, int hour) {
    return intensity[day.getValue() - 1][hour];
  }
}
