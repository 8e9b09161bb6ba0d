package dev.taxiplatform.core.stack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.taxiplatform.core.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The local stack as its supervisor last described it, kept in {@link StackLayout#stateFile()} so
 * other commands ({@code status}, {@code down}, components run by hand) can find it.
 *
 * @param supervisorPid the supervisor's process id
 * @param status where the stack is in its life
 * @param updatedAt when the supervisor last wrote this
 * @param message a line for the user (why it failed, what it is doing)
 * @param services every service, in start order
 */
public record StackState(
    long supervisorPid,
    Status status,
    Instant updatedAt,
    String message,
    List<ServiceState> services) {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** The stack's life. */
  public enum Status {
    STARTING,
    READY,
    STOPPING,
    FAILED
  }

  public StackState {
    requireNonNull(status, "status");
    requireNonNull(updatedAt, "updatedAt");
    requireNonNull(message, "message");
    services = List.copyOf(services);
  }

  public Optional<ServiceState> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** True while the supervisor that wrote this state is alive. */
  public boolean supervisorAlive() {
    return Processes.isAlive(supervisorPid);
  }

  /**
   * The endpoint of service {@code name} of the stack using {@code layout}, while its supervisor
   * runs and the service has not exited; empty otherwise (also when the state cannot be read).
   */
  public static Optional<String> liveEndpoint(StackLayout layout, String name) {
    try {
      return read(layout)
          .filter(StackState::supervisorAlive)
          .flatMap(state -> state.service(name))
          .filter(service -> service.health() != ServiceState.Health.EXITED)
          .map(ServiceState::endpoint);
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** Reads the state of the stack using {@code layout}, if one was written. */
  public static Optional<StackState> read(StackLayout layout) {
    try {
      return Optional.of(JSON.readValue(Files.readString(layout.stateFile()), StackState.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + layout.stateFile(), e);
    }
  }

  /** Writes this state atomically, so readers never see half a file. */
  public void write(StackLayout layout) {
    try {
      Files.createDirectories(layout.runDir());
      Path temporary = Files.createTempFile(layout.runDir(), "stack", ".json.tmp");
      Files.writeString(temporary, JSON.writeValueAsString(this));
      Files.move(
          temporary,
          layout.stateFile(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + layout.stateFile(), e);
    }
  }

  /** Removes the state file (the stack has stopped). */
  public static void delete(StackLayout layout) {
    try {
      Files.deleteIfExists(layout.stateFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
