package dev.taxiplatform.orchestrator.pipeline;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a task does. */
public sealed interface TaskSpec {
  /** The task's type as written in pipeline files. */
  String type();

  /**
   * Runs a platform command ({@code produce}, {@code sink}, {@code batch}, {@code load}, {@code
   * transform …}) as its component's own process.
   *
   * @param command the platform command
   * @param args its arguments
   */
  record Platform(String command, List<String> args) implements TaskSpec {
    public Platform {
      requireNonNull(command, "command");
      args = List.copyOf(args);
    }

    @Override
    public String type() {
      return "platform";
    }
  }

  /**
   * Any executable.
   *
   * @param argv the program and its arguments
   */
  record Command(List<String> argv) implements TaskSpec {
    public Command {
      argv = List.copyOf(argv);
    }

    @Override
    public String type() {
      return "command";
    }
  }

  /**
   * Starts or stops streaming ingestion: the producer and the sink.
   *
   * @param action start or stop
   * @param eventsPerSecond the producer's rate when starting (empty: the configured rate)
   */
  record Streaming(Action action, Optional<Integer> eventsPerSecond) implements TaskSpec {
    /** What to do with streaming. */
    public enum Action {
      START,
      STOP
    }

    public Streaming {
      requireNonNull(action, "action");
      requireNonNull(eventsPerSecond, "eventsPerSecond");
    }

    @Override
    public String type() {
      return "streaming";
    }
  }

  /**
   * Waits: for a duration, or until at least {@code newRawObjects} raw objects arrived since the
   * run started (then {@code duration} is the most it waits).
   *
   * @param duration how long to wait, or the longest wait for the condition
   * @param newRawObjects the condition, if any
   */
  record Wait(Duration duration, Optional<Integer> newRawObjects) implements TaskSpec {
    public Wait {
      requireNonNull(duration, "duration");
      requireNonNull(newRawObjects, "newRawObjects");
    }

    @Override
    public String type() {
      return "wait";
    }
  }
}
