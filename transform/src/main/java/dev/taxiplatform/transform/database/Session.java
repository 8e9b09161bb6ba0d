package dev.taxiplatform.transform.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One connection to the warehouse, used by one thread at a time. */
public final class Session implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  private final Connection connection;
  private final Runnable onClose;

  Session(Connection connection, Runnable onClose) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.onClose = Objects.requireNonNull(onClose, "onClose");
  }

  /** Runs a statement that returns no rows (or whose rows are ignored). */
  public StatementResult execute(String sql) {
    LOG.debug("Executing: {}", sql);
    try (Statement statement = connection.createStatement()) {
      boolean hasResults = statement.execute(sql);
      long rows = hasResults ? -1 : statement.getLargeUpdateCount();
      return result(sql, rows);
    } catch (SQLException e) {
      throw DatabaseException.of(e, sql);
    }
  }

  /** Runs a query and returns all its rows. */
  public QueryTable query(String sql) {
    LOG.debug("Querying: {}", sql);
    try (Statement statement = connection.createStatement();
        ResultSet results = statement.executeQuery(sql)) {
      return table(results);
    } catch (SQLException e) {
      throw DatabaseException.of(e, sql);
    }
  }

  /**
   * Runs any statement, as dbt's {@code run_query} does: its rows, or no rows for a statement that
   * returns none (DDL, grants, inserts).
   */
  public QueryTable run(String sql) {
    LOG.debug("Running: {}", sql);
    try (Statement statement = connection.createStatement()) {
      if (statement.execute(sql)) {
        try (ResultSet results = statement.getResultSet()) {
          return table(results);
        }
      }
      return new QueryTable(List.of(), List.of());
    } catch (SQLException e) {
      throw DatabaseException.of(e, sql);
    }
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(java.util.function.Supplier<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.get();
        connection.commit();
        return result;
      } catch (RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw DatabaseException.of(e, null);
    }
  }

  /** The kind of the relation {@code schema.name}: {@code table}, {@code view}, or empty. */
  public Optional<String> relationType(String schema, String name) {
    String sql =
        "select c.relkind from pg_catalog.pg_class c join pg_catalog.pg_namespace n"
            + " on n.oid = c.relnamespace where n.nspname = ? and c.relname = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, schema);
      statement.setString(2, name);
      try (ResultSet results = statement.executeQuery()) {
        if (!results.next()) {
          return Optional.empty();
        }
        return Optional.of(kind(results.getString(1)));
      }
    } catch (SQLException e) {
      throw DatabaseException.of(e, sql);
    }
  }

  /** The kinds of those of {@code names} that exist in {@code schema} (one query). */
  public Map<String, String> relationTypes(String schema, List<String> names) {
    String sql =
        "select c.relname, c.relkind from pg_catalog.pg_class c join pg_catalog.pg_namespace n"
            + " on n.oid = c.relnamespace where n.nspname = ? and c.relname = any (?)";
    Map<String, String> types = new java.util.HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, schema);
      statement.setArray(2, connection.createArrayOf("text", names.toArray()));
      try (ResultSet results = statement.executeQuery()) {
        while (results.next()) {
          types.put(results.getString(1), kind(results.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw DatabaseException.of(e, sql);
    }
    return types;
  }

  private static String kind(String relkind) {
    return switch (relkind) {
      case "v" -> "view";
      case "m" -> "materialized_view";
      default -> "table";
    };
  }

  /** The columns of {@code schema.name}, in order; empty if it does not exist. */
  public List<ColumnInfo> columns(String schema, String name) {
    String sql =
        "select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)"
            + " from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " where n.nspname = ? and c.relname = ? and a.attnum > 0 and not a.attisdropped"
            + " order by a.attnum";
    List<ColumnInfo> columns = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, schema);
      statement.setString(2, name);
      try (ResultSet results = statement.executeQuery()) {
        while (results.next()) {
          columns.add(new ColumnInfo(results.getString(1), results.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw DatabaseException.of(e, sql);
    }
    return columns;
  }

  /** The underlying JDBC connection (for COPY). */
  public Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    onClose.run();
  }

  private static QueryTable table(ResultSet results) throws SQLException {
    ResultSetMetaData meta = results.getMetaData();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      names.add(meta.getColumnLabel(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (results.next()) {
      List<Object> row = new ArrayList<>(names.size());
      for (int i = 1; i <= names.size(); i++) {
        row.add(results.getObject(i));
      }
      rows.add(row);
    }
    return new QueryTable(names, rows);
  }

  private static StatementResult result(String sql, long rows) {
    String code = firstWord(sql);
    String message = rows >= 0 ? code + " " + rows : code;
    return new StatementResult(message, code, rows);
  }

  private static String firstWord(String sql) {
    String trimmed = sql.strip();
    while (trimmed.startsWith("--")) {
      int end = trimmed.indexOf('\n');
      trimmed = end < 0 ? "" : trimmed.substring(end + 1).strip();
    }
    int end = 0;
    while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
      end++;
    }
    return trimmed.substring(0, end).toUpperCase(Locale.ROOT);
  }
}
