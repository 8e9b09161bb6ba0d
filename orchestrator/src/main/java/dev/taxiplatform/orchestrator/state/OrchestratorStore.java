package dev.taxiplatform.orchestrator.state;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The orchestrator's state in PostgreSQL (schema {@code platform}): runs, task instances, attempts,
 * orchestrator instances and streaming processes. Every state change is one transaction.
 */
public final class OrchestratorStore {
  private static final String RUN_COLUMNS =
      "run_id, pipeline, run_key, trigger, logical_date, state, queued_at, started_at, ended_at";
  private static final String INSTANCE_COLUMNS =
      "run_id, task_id, state, try_number, max_attempts, next_attempt_at, started_at, ended_at";
  private static final String ATTEMPT_COLUMNS =
      "run_id, task_id, attempt, state, started_at, ended_at, exit_code, executor, log_path, process_id, owner, message";

  private final DataSource dataSource;

  public OrchestratorStore(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
  }

  /** Creates or upgrades the orchestrator's tables (versioned migrations). */
  public void migrate() {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas("platform")
        .createSchemas(true)
        .table("orchestrator_schema_history")
        .locations("classpath:db/orchestrator")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  // ---- runs

  /** Creates a queued run; empty when a run with this key exists already. */
  public Optional<PipelineRun> createRun(
      String pipeline, String runKey, String trigger, Instant logicalDate) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "INSERT INTO platform.pipeline_runs (pipeline, run_key, trigger, logical_date, state)"
                    + " VALUES (?, ?, ?, ?, 'queued') ON CONFLICT (pipeline, run_key) DO NOTHING RETURNING "
                    + RUN_COLUMNS)) {
      statement.setString(1, pipeline);
      statement.setString(2, runKey);
      statement.setString(3, trigger);
      statement.setTimestamp(4, Timestamp.from(logicalDate));
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? Optional.of(run(result)) : Optional.empty();
      }
    }
  }

  public Optional<PipelineRun> run(long runId) throws SQLException {
    List<PipelineRun> runs = queryRuns("WHERE run_id = ?", runId);
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
  }

  public List<PipelineRun> runsInState(RunState state) throws SQLException {
    return queryRuns("WHERE state = ? ORDER BY run_id", state.key());
  }

  /** The latest runs of a pipeline, newest first. */
  public List<PipelineRun> recentRuns(String pipeline, int limit) throws SQLException {
    return queryRuns("WHERE pipeline = ? ORDER BY run_id DESC LIMIT ?", pipeline, limit);
  }

  /** Each pipeline's last success and last finished run, from the whole run history. */
  public List<PipelineHistory> pipelineHistory() throws SQLException {
    List<PipelineHistory> history = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                """
                SELECT pipeline,
                       max(ended_at) FILTER (WHERE state = 'success') AS last_success,
                       max(ended_at) FILTER (WHERE state IN ('success', 'failed')) AS last_finished,
                       (array_agg(state ORDER BY ended_at DESC, run_id DESC)
                          FILTER (WHERE state IN ('success', 'failed')))[1] AS last_state
                FROM platform.pipeline_runs
                GROUP BY pipeline
                ORDER BY pipeline
                """);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        history.add(
            new PipelineHistory(
                result.getString("pipeline"),
                Optional.ofNullable(result.getTimestamp("last_success")).map(Timestamp::toInstant),
                Optional.ofNullable(result.getTimestamp("last_finished")).map(Timestamp::toInstant),
                Optional.ofNullable(result.getString("last_state")).map(RunState::of)));
      }
    }
    return history;
  }

  /** The latest logical date of a pipeline's scheduled runs. */
  public Optional<Instant> latestScheduledDate(String pipeline) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT max(logical_date) FROM platform.pipeline_runs WHERE pipeline = ? AND trigger = 'schedule'")) {
      statement.setString(1, pipeline);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return Optional.ofNullable(result.getTimestamp(1)).map(Timestamp::toInstant);
      }
    }
  }

  /** Starts a queued run: it becomes running, with one task instance per task. */
  public void startRun(long runId, List<TaskSlot> tasks, Instant now) throws SQLException {
    transaction(
        connection -> {
          try (PreparedStatement run =
              connection.prepareStatement(
                  "UPDATE platform.pipeline_runs SET state = 'running', started_at = ? WHERE run_id = ? AND state = 'queued'")) {
            run.setTimestamp(1, Timestamp.from(now));
            run.setLong(2, runId);
            if (run.executeUpdate() != 1) {
              throw new SQLException("Run " + runId + " is not queued");
            }
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO platform.task_instances (run_id, task_id, state, max_attempts) VALUES (?, ?, 'none', ?)")) {
            for (TaskSlot task : tasks) {
              insert.setLong(1, runId);
              insert.setString(2, task.taskId());
              insert.setInt(3, task.maxAttempts());
              insert.addBatch();
            }
            insert.executeBatch();
          }
        });
  }

  public void finishRun(long runId, RunState state, Instant now) throws SQLException {
    update(
        "UPDATE platform.pipeline_runs SET state = ?, ended_at = ? WHERE run_id = ?",
        state.key(),
        Timestamp.from(now),
        runId);
  }

  // ---- task instances and attempts

  public List<TaskInstance> taskInstances(long runId) throws SQLException {
    List<TaskInstance> instances = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT " + INSTANCE_COLUMNS + " FROM platform.task_instances WHERE run_id = ?")) {
      statement.setLong(1, runId);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          instances.add(
              new TaskInstance(
                  result.getLong(1),
                  result.getString(2),
                  TaskState.of(result.getString(3)),
                  result.getInt(4),
                  result.getInt(5),
                  instant(result, 6),
                  instant(result, 7),
                  instant(result, 8)));
        }
      }
    }
    return instances;
  }

  /** Marks a task that will never run (upstream failed, or skipped). */
  public void settleTask(long runId, String taskId, TaskState state, Instant now)
      throws SQLException {
    update(
        "UPDATE platform.task_instances SET state = ?, ended_at = ? WHERE run_id = ? AND task_id = ?",
        state.key(),
        Timestamp.from(now),
        runId,
        taskId);
  }

  /** Records a new attempt: the task is running. */
  public void startAttempt(
      long runId,
      String taskId,
      int attempt,
      String executor,
      String logPath,
      String owner,
      Instant now)
      throws SQLException {
    transaction(
        connection -> {
          execute(
              connection,
              "UPDATE platform.task_instances SET state = 'running', try_number = ?, next_attempt_at = NULL,"
                  + " started_at = coalesce(started_at, ?) WHERE run_id = ? AND task_id = ?",
              attempt,
              Timestamp.from(now),
              runId,
              taskId);
          execute(
              connection,
              "INSERT INTO platform.task_attempts (run_id, task_id, attempt, state, started_at, executor, log_path, owner)"
                  + " VALUES (?, ?, ?, 'running', ?, ?, ?, ?)",
              runId,
              taskId,
              attempt,
              Timestamp.from(now),
              executor,
              logPath,
              owner);
        });
  }

  public void recordProcess(long runId, String taskId, int attempt, long processId)
      throws SQLException {
    update(
        "UPDATE platform.task_attempts SET process_id = ? WHERE run_id = ? AND task_id = ? AND attempt = ?",
        processId,
        runId,
        taskId,
        attempt);
  }

  /** Ends an attempt and moves its task on: success; up for retry at {@code retryAt}; or failed. */
  public void finishAttempt(
      long runId,
      String taskId,
      int attempt,
      boolean succeeded,
      Optional<Integer> exitCode,
      String message,
      Optional<Instant> retryAt,
      Instant now)
      throws SQLException {
    transaction(
        connection -> {
          execute(
              connection,
              "UPDATE platform.task_attempts SET state = ?, ended_at = ?, exit_code = ?, message = ?"
                  + " WHERE run_id = ? AND task_id = ? AND attempt = ?",
              succeeded ? "success" : "failed",
              Timestamp.from(now),
              exitCode.orElse(null),
              message,
              runId,
              taskId,
              attempt);
          TaskState next =
              succeeded
                  ? TaskState.SUCCESS
                  : retryAt.isPresent() ? TaskState.UP_FOR_RETRY : TaskState.FAILED;
          execute(
              connection,
              "UPDATE platform.task_instances SET state = ?, next_attempt_at = ?, ended_at = ?"
                  + " WHERE run_id = ? AND task_id = ?",
              next.key(),
              retryAt.map(Timestamp::from).orElse(null),
              next.finished() ? Timestamp.from(now) : null,
              runId,
              taskId);
        });
  }

  public List<TaskAttempt> attempts(long runId, String taskId) throws SQLException {
    return queryAttempts("WHERE run_id = ? AND task_id = ? ORDER BY attempt", runId, taskId);
  }

  public List<TaskAttempt> attempts(long runId) throws SQLException {
    return queryAttempts("WHERE run_id = ? ORDER BY started_at, task_id, attempt", runId);
  }

  /** Attempts recorded as running. */
  public List<TaskAttempt> runningAttempts() throws SQLException {
    return queryAttempts("WHERE state = 'running' ORDER BY run_id, task_id");
  }

  // ---- pipeline settings

  /** Whether a pipeline's schedule is paused; {@code initial} when never set. */
  public boolean isPaused(String pipeline, boolean initial) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT paused FROM platform.pipeline_settings WHERE pipeline = ?")) {
      statement.setString(1, pipeline);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? result.getBoolean(1) : initial;
      }
    }
  }

  public void setPaused(String pipeline, boolean paused) throws SQLException {
    update(
        "INSERT INTO platform.pipeline_settings (pipeline, paused) VALUES (?, ?)"
            + " ON CONFLICT (pipeline) DO UPDATE SET paused = excluded.paused, updated_at = now()",
        pipeline,
        paused);
  }

  // ---- orchestrator instances

  public void registerInstance(String instanceId, long processId, String host) throws SQLException {
    update(
        "INSERT INTO platform.orchestrator_instances (instance_id, process_id, host) VALUES (?, ?, ?)",
        instanceId,
        processId,
        host);
  }

  public void heartbeat(String instanceId) throws SQLException {
    update(
        "UPDATE platform.orchestrator_instances SET heartbeat_at = now() WHERE instance_id = ?",
        instanceId);
  }

  /** When an orchestrator last showed it was alive, if any has. */
  public Optional<Instant> lastHeartbeat() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT max(heartbeat_at) FROM platform.orchestrator_instances");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return Optional.ofNullable(result.getTimestamp(1)).map(Timestamp::toInstant);
    }
  }

  // ---- streaming processes

  public void recordStreamingProcess(String name, long processId, String command, String logPath)
      throws SQLException {
    update(
        "INSERT INTO platform.streaming_processes (name, process_id, command, log_path) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET process_id = excluded.process_id, command = excluded.command,"
            + " log_path = excluded.log_path, started_at = now()",
        name,
        processId,
        command,
        logPath);
  }

  public Optional<Long> streamingProcess(String name) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT process_id FROM platform.streaming_processes WHERE name = ?")) {
      statement.setString(1, name);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? Optional.of(result.getLong(1)) : Optional.empty();
      }
    }
  }

  public void forgetStreamingProcess(String name) throws SQLException {
    update("DELETE FROM platform.streaming_processes WHERE name = ?", name);
  }

  // ---- plumbing

  private List<PipelineRun> queryRuns(String where, Object... parameters) throws SQLException {
    List<PipelineRun> runs = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT " + RUN_COLUMNS + " FROM platform.pipeline_runs " + where)) {
      bind(statement, parameters);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          runs.add(run(result));
        }
      }
    }
    return runs;
  }

  private List<TaskAttempt> queryAttempts(String where, Object... parameters) throws SQLException {
    List<TaskAttempt> attempts = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT " + ATTEMPT_COLUMNS + " FROM platform.task_attempts " + where)) {
      bind(statement, parameters);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          int exitCode = result.getInt(7);
          Optional<Integer> exit = result.wasNull() ? Optional.empty() : Optional.of(exitCode);
          attempts.add(
              new TaskAttempt(
                  result.getLong(1),
                  result.getString(2),
                  result.getInt(3),
                  result.getString(4),
                  result.getTimestamp(5).toInstant(),
                  instant(result, 6),
                  exit,
                  result.getString(8),
                  result.getString(9),
                  result.getLong(10),
                  result.getString(11),
                  result.getString(12)));
        }
      }
    }
    return attempts;
  }

  private static PipelineRun run(ResultSet result) throws SQLException {
    return new PipelineRun(
        result.getLong(1),
        result.getString(2),
        result.getString(3),
        result.getString(4),
        result.getTimestamp(5).toInstant(),
        RunState.of(result.getString(6)),
        result.getTimestamp(7).toInstant(),
        instant(result, 8),
        instant(result, 9));
  }

  private static Optional<Instant> instant(ResultSet result, int column) throws SQLException {
    return Optional.ofNullable(result.getTimestamp(column)).map(Timestamp::toInstant);
  }

  private void update(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      execute(connection, sql, parameters);
    }
  }

  private static void execute(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      statement.executeUpdate();
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  private void transaction(SqlWork work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  @FunctionalInterface
  private interface SqlWork {
    void run(Connection connection) throws SQLException;
  }

  /**
   * A task to create an instance of when a run starts.
   *
   * @param taskId the task
   * @param maxAttempts attempts allowed in all
   */
  public record TaskSlot(String taskId, int maxAttempts) {}
}
