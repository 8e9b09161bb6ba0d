package dev.taxiplatform.ingest.produce;

import dev.taxiplatform.core.cli.ConfigOptions;
import dev.taxiplatform.core.cli.ExitCodes;
import dev.taxiplatform.core.cli.PlatformException;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.config.ValueTypes;
import dev.taxiplatform.core.connect.Connections;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.metrics.MetricsServer;
import dev.taxiplatform.core.process.GracefulShutdown;
import dev.taxiplatform.core.process.SupervisorWatchdog;
import dev.taxiplatform.ingest.Preflight;
import dev.taxiplatform.ingest.generate.EventClock;
import dev.taxiplatform.ingest.generate.RideStream;
import io.micrometer.core.instrument.FunctionCounter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code platform produce}: publishes realistic ride events to the rides topic. */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Publish realistic NYC taxi ride events (real TLC zones, the yellow-cab rate card, demand by"
          + " hour and weekday) to the rides topic, keyed by pickup zone.",
      "Runs until --count or --duration is reached, or until stopped (Ctrl-C). Prints progress"
          + " every 5 s and a summary at the end. Same --seed and --start: identical events."
    },
    footer = {
      "",
      "Examples:",
      "  platform produce --count 100000 --rate max",
      "  platform produce --start 2026-01-01 --speedup 3600 --rate 20000 --duration 1m",
      "  platform produce --count 10000 --bad-fraction 0.05 --seed 7"
    })
public final class ProduceCommand implements Callable<Integer> {
  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--rate",
      paramLabel = "N|max",
      description =
          "Events per second, or `max` for as fast as possible (default: producer.events-per-second,"
              + " i.e. $EVENTS_PER_SECOND, else 10).")
  private String rate;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
  private Long count;

  @Option(
      names = "--duration",
      paramLabel = "D",
      description = "Stop after this long, e.g. 30s, 5m, 2h (a bare number means seconds).")
  private String duration;

  @Option(
      names = "--start",
      paramLabel = "TIME",
      description =
          "Use a simulated clock starting at TIME (an ISO instant, a date, or -7d for 7 days ago)"
              + " instead of now, to backfill history. Its events follow the week's demand curve.")
  private String start;

  @Option(
      names = "--speedup",
      paramLabel = "S",
      defaultValue = "1",
      description =
          "With --start: simulated seconds per second of publishing, on average (default 1).")
  private double speedup;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the generator (default: random, printed in the summary).")
  private Long seed;

  @Option(
      names = "--bad-fraction",
      paramLabel = "F",
      defaultValue = "0",
      description =
          "Share of events (0-1) to corrupt on purpose: broken JSON, missing fields, wrong types,"
              + " negative fares, unknown zones.")
  private double badFraction;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description = "Serve /metrics and /health on this port while running.")
  private Integer metricsPort;

  @Override
  public Integer call() throws Exception {
    PlatformConfig config = configOptions.load();
    ProducerOptions options = options(config);
    SupervisorWatchdog.startIfSupervised();
    KafkaConnection kafka = new Connections(config).kafka();
    Preflight.requireTopics(kafka, List.of(options.topic()));
    EventClock clock =
        options.start().isPresent()
            ? EventClock.simulated(
                options.start().get(),
                options.simulatedRidesPerSecond(config.producer().eventsPerSecond()),
                options.seed())
            : EventClock.realTime();
    RideProducer producer =
        new RideProducer(
            kafka,
            options,
            new RideStream(options.seed(), clock, options.badFraction()),
            System.err);
    MetricsServer metrics =
        metricsPort == null
            ? null
            : MetricsServer.start(
                config.server().bindHost(), metricsPort, MetricsServer.Health::healthy);
    if (metrics != null) {
      FunctionCounter.builder("taxi.producer.events.sent", producer, RideProducer::sent)
          .description("Ride events handed to Kafka")
          .register(metrics.registry());
      FunctionCounter.builder(
              "taxi.producer.events.acknowledged", producer, RideProducer::acknowledged)
          .description("Ride events Kafka acknowledged")
          .register(metrics.registry());
      FunctionCounter.builder("taxi.producer.events.failed", producer, RideProducer::failed)
          .description("Ride events Kafka refused or that timed out")
          .register(metrics.registry());
    }
    CountDownLatch finished = new CountDownLatch(1);
    GracefulShutdown.onExit(
        "producer",
        config.server().shutdownTimeout(),
        () -> {
          producer.stop();
          finished.await();
        });
    System.err.printf(
        "Producing to %s at %s (%s)%s ...%n",
        options.topic(),
        options.rate().isPresent()
            ? "%,.0f events/s".formatted(options.rate().getAsDouble())
            : "max rate",
        options.start().map(s -> "simulated clock from " + s + ", " + speedup + "x").orElse("now"),
        options.badFraction() > 0 ? ", %s malformed".formatted(options.badFraction()) : "");
    ProducerSummary summary;
    try {
      summary = producer.run();
      // Before the shutdown hook is released: after SIGTERM the JVM halts once the hook returns.
      System.out.println(summary.describe());
    } finally {
      finished.countDown();
      if (metrics != null) {
        metrics.close();
      }
    }
    if (summary.failed() > 0 || summary.unknownOutcome() > 0) {
      throw PlatformException.failed(
          ProducerFailures.describe(summary.failed(), summary.unknownOutcome(), options.topic())
              + " The first error: "
              + summary.firstFailure(),
          summary.firstFailure());
    }
    return ExitCodes.SUCCESS;
  }

  ProducerOptions options(PlatformConfig config) {
    OptionalDouble parsedRate;
    String rateText = rate == null ? Integer.toString(config.producer().eventsPerSecond()) : rate;
    if (rateText.equalsIgnoreCase("max")) {
      parsedRate = OptionalDouble.empty();
    } else {
      try {
        double value = Double.parseDouble(rateText);
        if (!(value > 0) || Double.isInfinite(value)) {
          throw new NumberFormatException();
        }
        parsedRate = OptionalDouble.of(value);
      } catch (NumberFormatException e) {
        throw PlatformException.usage(
            "--rate \"%s\" is neither a positive number nor `max`.".formatted(rateText));
      }
    }
    if (count != null && count <= 0) {
      throw PlatformException.usage("--count must be positive, not " + count + ".");
    }
    if (!(speedup > 0) || Double.isInfinite(speedup)) {
      throw PlatformException.usage("--speedup must be a positive number, not " + speedup + ".");
    }
    if (!(badFraction >= 0 && badFraction <= 1)) {
      throw PlatformException.usage(
          "--bad-fraction must be between 0 and 1, not " + badFraction + ".");
    }
    Optional<Duration> parsedDuration = Optional.empty();
    if (duration != null) {
      try {
        parsedDuration = Optional.of(ValueTypes.duration("s").parse(duration));
      } catch (IllegalArgumentException e) {
        throw PlatformException.usage(
            "--duration \"%s\" is not a duration; use e.g. 30s, 5m or 2h.".formatted(duration));
      }
    }
    return new ProducerOptions(
        config.kafka().topic(),
        parsedRate,
        count == null ? OptionalLong.empty() : OptionalLong.of(count),
        parsedDuration,
        Optional.ofNullable(start).map(ProduceCommand::parseStart),
        speedup,
        seed == null ? new java.security.SecureRandom().nextLong() : seed,
        badFraction);
  }

  static Instant parseStart(String text) {
    String trimmed = text.trim();
    try {
      if (trimmed.startsWith("-")) {
        return Instant.now().minus(ValueTypes.duration("s").parse(trimmed.substring(1)));
      }
      if (trimmed.length() == 10) {
        return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(trimmed);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw PlatformException.usage(
          ("--start \"%s\" is not a time; use an ISO instant (2026-01-01T00:00:00Z), a date"
                  + " (2026-01-01) or a time ago (-7d).")
              .formatted(text));
    }
  }
}
