package dev.taxiplatform.dashboard.data;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The warehouse's state as the page shows it, with the data's freshness.
 *
 * @param state ready, empty (the marts hold no rides), absent (the marts do not exist), unreachable
 *     (no connection to the warehouse) or error
 * @param message one line for the user: what is wrong and what to do
 * @param rides rides in the marts
 * @param firstDate the earliest event date in the marts, or null
 * @param lastDate the latest event date, or null
 * @param newestRide the newest ride's event time, or null
 * @param newestLoad when the newest ride was loaded into the warehouse, or null
 * @param lastRun the orchestrator's most recent pipeline run, or null
 * @param lastRunUrl that run in the orchestrator's UI, or null when the UI's address is unknown
 * @param orchestratorUrl the orchestrator's UI, or null when unknown
 * @param timeZone the business time zone (an IANA id) the event dates and hours are local to
 * @param refreshSeconds how often the page refreshes
 * @param retrySeconds how soon the page tries again when the warehouse is unreachable
 * @param checkedAt when this was found out
 */
public record DashboardStatus(
    String state,
    String message,
    long rides,
    LocalDate firstDate,
    LocalDate lastDate,
    Instant newestRide,
    Instant newestLoad,
    PipelineRunInfo lastRun,
    String lastRunUrl,
    String orchestratorUrl,
    String timeZone,
    long refreshSeconds,
    long retrySeconds,
    Instant checkedAt) {
  /** The states. */
  public enum State {
    READY,
    EMPTY,
    ABSENT,
    UNREACHABLE,
    ERROR;

    /** As in JSON. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DashboardStatus {
    requireNonNull(state, "state");
    requireNonNull(message, "message");
    requireNonNull(timeZone, "timeZone");
    requireNonNull(checkedAt, "checkedAt");
  }
}
