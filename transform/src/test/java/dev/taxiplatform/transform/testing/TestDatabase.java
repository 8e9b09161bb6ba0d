package dev.taxiplatform.transform.testing;

import dev.taxiplatform.transform.bench.BenchDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database of the test PostgreSQL.
 *
 * @param host the host
 * @param port the port
 * @param name the database
 * @param user the user (no password)
 */
public record TestDatabase(String host, int port, String name, String user) {

  public String url() {
    return "jdbc:postgresql://%s:%d/%s".formatted(host, port, name);
  }

  public Connection connect() {
    try {
      return DriverManager.getConnection(url(), user, "");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs statements (separated by semicolons at line ends are fine: sent as one batch). */
  public void execute(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + "\n" + sql, e);
    }
  }

  /** All rows of a query, each as column name → value. */
  public List<Map<String, Object>> rows(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet results = statement.executeQuery(sql)) {
      ResultSetMetaData meta = results.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (results.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), results.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + "\n" + sql, e);
    }
  }

  /** The single value of a query. */
  public Object value(String sql) {
    List<Map<String, Object>> rows = rows(sql);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new IllegalStateException("Expected one value from " + sql + " but got " + rows);
    }
    return rows.get(0).values().iterator().next();
  }

  public long count(String relation) {
    return ((Number) value("select count(*) from " + relation)).longValue();
  }

  /** Writes a profiles.yml for a profile named {@code profile} into {@code dir}. */
  public Path writeProfile(Path dir, String profile, String schema, int threads) {
    new BenchDatabase(host, port, name, user, "").writeProfile(dir, profile, schema, threads);
    return dir;
  }

  /** Environment variables that point the platform's dbt/profiles.yml at this database. */
  public Map<String, String> warehouseEnvironment() {
    return Map.of(
        "WAREHOUSE_HOST", host,
        "WAREHOUSE_PORT", Integer.toString(port),
        "WAREHOUSE_DB", name,
        "WAREHOUSE_USER", user,
        "WAREHOUSE_PASSWORD", "");
  }
}
