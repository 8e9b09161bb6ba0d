package dev.taxiplatform.transform.database;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@code run_query()} or a fetched {@code statement}, shaped as dbt's agate table is
 * commonly used: {@code table.rows[0][0]}, {@code table.columns[0].values()}, {@code
 * table.column_names}.
 */
public final class QueryTable {
  private final List<String> columnNames;
  private final List<List<Object>> rows;

  public QueryTable(List<String> columnNames, List<List<Object>> rows) {
    this.columnNames = List.copyOf(columnNames);
    List<List<Object>> copy = new ArrayList<>();
    rows.forEach(r -> copy.add(Collections.unmodifiableList(new ArrayList<>(r))));
    this.rows = Collections.unmodifiableList(copy);
  }

  public List<List<Object>> getRows() {
    return rows;
  }

  public List<String> getColumn_names() {
    return columnNames;
  }

  public List<String> getColumnNames() {
    return columnNames;
  }

  public List<TableColumn> getColumns() {
    List<TableColumn> columns = new ArrayList<>();
    for (int i = 0; i < columnNames.size(); i++) {
      columns.add(new TableColumn(columnNames.get(i), i, rows));
    }
    return columns;
  }

  /** Number of rows ({@code results | length} uses the rows). */
  public int size() {
    return rows.size();
  }

  @Override
  public String toString() {
    return "QueryTable" + columnNames + rows;
  }

  /** One column of a table. */
  public static final class TableColumn {
    private final String name;
    private final int index;
    private final List<List<Object>> rows;

    TableColumn(String name, int index, List<List<Object>> rows) {
      this.name = Objects.requireNonNull(name, "name");
      this.index = index;
      this.rows = rows;
    }

    public String getName() {
      return name;
    }

    /** The column's values, top to bottom. */
    public List<Object> values() {
      List<Object> values = new ArrayList<>();
      rows.forEach(r -> values.add(r.get(index)));
      return values;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
