package dev.taxiplatform.core.config;

import dev.taxiplatform.core.ride.BusinessCalendar;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Settings of the platform as a whole.
 *
 * @param dataDir where the local stack keeps all its data (absolute)
 * @param startupTimeout how long {@code platform up} waits for each piece to become healthy
 * @param healthCheckInterval how often the local stack's supervisor checks each running service
 * @param timeZone the business time zone: every calendar field (event date, hour, weekday, rush
 *     hour, weekend) is derived in it; instants stay UTC
 */
public record PlatformSettings(
    Path dataDir, Duration startupTimeout, Duration healthCheckInterval, ZoneId timeZone) {
  public static final ConfigKey<Path> DATA_DIR =
      ConfigKey.builder("data-dir", ValueTypes.path())
          .env("PLATFORM_DATA_DIR")
          .defaultValue(Path.of(".platform-data"))
          .description(
              "Directory holding all local data (Kafka log, S3 objects, PostgreSQL, logs);"
                  + " relative to the working directory.")
          .build();

  public static final ConfigKey<Duration> STARTUP_TIMEOUT =
      ConfigKey.builder("stack.startup-timeout", ValueTypes.duration("s"))
          .env("PLATFORM_STARTUP_TIMEOUT")
          .defaultValue(Duration.ofMinutes(3))
          .description("How long `platform up` waits for each server or component to be healthy.")
          .build();

  public static final ConfigKey<Duration> HEALTH_CHECK_INTERVAL =
      ConfigKey.builder("stack.health-check-interval", ValueTypes.duration("s"))
          .env("PLATFORM_HEALTH_CHECK_INTERVAL")
          .defaultValue(Duration.ofSeconds(10))
          .description(
              "How often the local stack's supervisor checks each running service; a server that"
                  + " fails 6 checks in a row is restarted.")
          .build();

  public static final ConfigKey<ZoneId> TIME_ZONE =
      ConfigKey.builder("business.time-zone", ValueTypes.timeZone())
          .env("BUSINESS_TIME_ZONE")
          .defaultValue(BusinessCalendar.DEFAULT_ZONE)
          .description(
              "Time zone of the business calendar: event dates, hours, weekdays, rush hours and"
                  + " weekends are local to it (timestamps stay UTC).")
          .build();

  public static final List<ConfigKey<?>> KEYS =
      List.of(DATA_DIR, STARTUP_TIMEOUT, HEALTH_CHECK_INTERVAL, TIME_ZONE);

  static PlatformSettings from(PlatformConfig config) {
    return new PlatformSettings(
        config.dataDir(),
        config.get(STARTUP_TIMEOUT),
        config.get(HEALTH_CHECK_INTERVAL),
        config.get(TIME_ZONE));
  }
}
