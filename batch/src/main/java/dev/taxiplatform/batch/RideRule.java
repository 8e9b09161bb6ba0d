package dev.taxiplatform.batch;

import static java.util.Objects.requireNonNull;

/**
 * A validation rule: a row for which {@code failsWhen} is true fails it and goes to quarantine
 * under the rule's name.
 *
 * @param name the rule's name, as reported and written in {@code quarantine_rule}
 * @param failsWhen a Spark SQL condition over the raw columns plus {@code event_ts} (the parsed
 *     timestamp) and {@code pickup_zone_known}/{@code dropoff_zone_known}; rows reach it only when
 *     every earlier rule passed, so earlier rules guard it against nulls
 * @param description what the rule rejects, for documentation and {@code --help}
 */
public record RideRule(String name, String failsWhen, String description) {
  public RideRule {
    requireNonNull(name, "name");
    requireNonNull(failsWhen, "failsWhen");
    requireNonNull(description, "description");
  }
}
