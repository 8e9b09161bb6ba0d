package dev.taxiplatform.core.config;

import java.util.List;

/**
 * Settings of the ride producer ({@code platform produce}).
 *
 * @param eventsPerSecond how many ride events per second it publishes unless told otherwise
 */
public record ProducerSettings(int eventsPerSecond) {
  public static final ConfigKey<Integer> EVENTS_PER_SECOND =
      ConfigKey.builder("producer.events-per-second", ValueTypes.integer(1, 10_000_000))
          .env("EVENTS_PER_SECOND")
          .defaultValue(10)
          .description(
              "Ride events per second `platform produce` publishes (and `platform up --produce`"
                  + " runs at).")
          .build();

  public static final List<ConfigKey<?>> KEYS = List.of(EVENTS_PER_SECOND);

  static ProducerSettings from(PlatformConfig config) {
    return new ProducerSettings(config.get(EVENTS_PER_SECOND));
  }
}
