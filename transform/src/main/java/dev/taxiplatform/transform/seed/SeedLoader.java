package dev.taxiplatform.transform.seed;

import dev.taxiplatform.transform.database.ColumnInfo;
import dev.taxiplatform.transform.database.DatabaseException;
import dev.taxiplatform.transform.database.Relation;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.StatementResult;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Loads a seed: creates its table (types inferred, or from {@code column_types}) and copies the
 * rows in with COPY, in one transaction. An existing table with the same columns is truncated and
 * reloaded, as dbt does; {@code --full-refresh} (or changed columns) drops and recreates it.
 */
public final class SeedLoader {
  private final Path projectRoot;
  private final boolean fullRefresh;

  public SeedLoader(Path projectRoot, boolean fullRefresh) {
    this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot");
    this.fullRefresh = fullRefresh;
  }

  /**
   * What loading did.
   *
   * @param response the COPY's response
   * @param sql the DDL that ran, for {@code target/run}
   * @param columns the table's columns and types
   */
  public record Loaded(StatementResult response, String sql, List<ColumnInfo> columns) {}

  /** The columns and types the seed's table gets. */
  public List<ColumnInfo> columns(Node seed, SeedFile file) {
    NodeConfig config = seed.config();
    Map<String, Object> declared =
        config
            .get("column_types")
            .filter(Map.class::isInstance)
            .map(m -> (Map<?, ?>) m)
            .map(SeedLoader::stringKeys)
            .orElse(Map.of());
    List<ColumnInfo> columns = new ArrayList<>();
    for (int i = 0; i < file.columns().size(); i++) {
      String name = file.columns().get(i);
      Object type = declared.get(name);
      columns.add(
          new ColumnInfo(name, type != null ? type.toString() : SeedTypes.infer(file.column(i))));
    }
    return columns;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> result = new java.util.LinkedHashMap<>();
    map.forEach((k, v) -> result.put(String.valueOf(k), v));
    return result;
  }

  /** Loads the seed into its relation. */
  public Loaded load(Node seed, Session session) {
    String delimiter = seed.config().string("delimiter", ",");
    SeedFile file =
        SeedFile.read(projectRoot.resolve(seed.originalFilePath()), delimiter.charAt(0));
    List<ColumnInfo> columns = columns(seed, file);
    Relation table = Relation.of(seed.database(), seed.schema(), seed.alias());
    String create =
        "create table %s (%s)"
            .formatted(
                table.schemaQualified(),
                columns.stream()
                    .map(c -> Relation.quote(c.name()) + " " + c.dataType())
                    .collect(Collectors.joining(", ")));
    String copy =
        "copy %s (%s) from stdin with (format csv, null '')"
            .formatted(
                table.schemaQualified(),
                columns.stream()
                    .map(c -> Relation.quote(c.name()))
                    .collect(Collectors.joining(", ")));
    StringBuilder ran = new StringBuilder();
    long rows =
        session.inTransaction(
            () -> {
              Optional<String> existing =
                  session.relationType(table.getSchema(), table.getIdentifier());
              boolean sameColumns =
                  existing.filter("table"::equals).isPresent()
                      && session.columns(table.getSchema(), table.getIdentifier()).stream()
                          .map(ColumnInfo::name)
                          .toList()
                          .equals(file.columns());
              if (existing.isPresent() && sameColumns && !fullRefresh) {
                String truncate = "truncate table " + table.schemaQualified();
                session.execute(truncate);
                ran.append(truncate).append(";\n");
              } else {
                existing.ifPresent(
                    type ->
                        session.execute(
                            "drop %s if exists %s cascade"
                                .formatted(
                                    type.equals("view") ? "view" : "table",
                                    table.schemaQualified())));
                session.execute(create);
                ran.append(create).append(";\n");
              }
              ran.append(copy).append(";\n");
              return copyRows(session, copy, file);
            });
    return new Loaded(
        new StatementResult("INSERT " + rows, "INSERT", rows), ran.toString(), columns);
  }

  private static long copyRows(Session session, String copy, SeedFile file) {
    StringBuilder csv = new StringBuilder();
    for (List<String> row : file.rows()) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          csv.append(',');
        }
        String value = row.get(i);
        if (value != null) {
          csv.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
      }
      csv.append('\n');
    }
    try {
      return session
          .connection()
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(copy, new StringReader(csv.toString()));
    } catch (SQLException e) {
      throw DatabaseException.of(e, copy);
    } catch (IOException e) {
      throw new IllegalStateException("Copying from memory cannot fail", e);
    }
  }
}
