package dev.taxiplatform.warehouse;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A column of a warehouse table, as binary COPY needs to know it: its name and PostgreSQL type.
 *
 * @param name the column's name
 * @param type its type name as {@code pg_type} spells it ({@code int2}, {@code numeric}, …)
 */
public record TargetColumn(String name, String type) {
  public TargetColumn {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
  }

  /** The columns of {@code schema.table} in order, leaving out {@code excluded} ones. */
  public static List<TargetColumn> of(
      Connection connection, String schema, String table, List<String> excluded)
      throws SQLException {
    List<TargetColumn> columns = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          if (!excluded.contains(result.getString(1))) {
            columns.add(new TargetColumn(result.getString(1), result.getString(2)));
          }
        }
      }
    }
    if (columns.isEmpty()) {
      throw new SQLException(
          "Table %s.%s has no columns: run `platform load --migrate-only`."
              .formatted(schema, table));
    }
    return columns;
  }

  /** The columns as a comma-separated SQL list. */
  public static String sqlList(List<TargetColumn> columns) {
    return String.join(", ", columns.stream().map(TargetColumn::name).toList());
  }
}
