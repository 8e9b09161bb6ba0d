package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.compile.CompiledNode;
import dev.taxiplatform.transform.compile.CompilerError;
import dev.taxiplatform.transform.compile.SqlText;
import dev.taxiplatform.transform.database.Relation;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.StatementResult;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Builds a snapshot (a type-2 slowly changing dimension) as dbt-postgres does. The first run copies
 * the source with {@code dbt_scd_id}, {@code dbt_updated_at}, {@code dbt_valid_from} and an empty
 * {@code dbt_valid_to}; later runs, in one transaction, close the current row of each key that
 * changed ({@code dbt_valid_to}), close those whose key left the source when hard deletes are
 * invalidated, and insert a current row for each changed, new or returning key.
 *
 * <p>Strategies: {@code timestamp} (a row changed when its {@code updated_at} is newer than its
 * current row's {@code dbt_valid_from}; the times are {@code updated_at}) and {@code check} (a row
 * changed when one of {@code check_cols}, or every column for {@code all}, differs; the times are
 * the snapshot's time, {@code snapshot_get_time()}).
 *
 * <p>Hard deletes: {@code ignore}; {@code invalidate} closes the row; {@code new_record} closes it
 * and adds a current copy with {@code dbt_is_deleted = 'True'} (every row has {@code
 * dbt_is_deleted}), which a returning key closes like a changed row.
 */
final class Snapshotter {
  private static final List<String> META_COLUMNS =
      List.of("dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to");
  private static final String IS_DELETED = "dbt_is_deleted";

  /**
   * @param snapshotTime the snapshot's time as a SQL timestamp literal
   */
  Materializer.Outcome snapshot(CompiledNode compiled, Session session, String snapshotTime) {
    Node node = compiled.node();
    NodeConfig config = node.config().merge(compiled.capture().config());
    List<String> keys = config.uniqueKey();
    if (keys.isEmpty()) {
      throw new CompilerError(
          "Snapshot '%s' needs a unique_key config (the column, or columns, identifying a row)"
              .formatted(node.name()));
    }
    String strategy = config.string("strategy", "").toLowerCase(Locale.ROOT);
    String hardDeletes = hardDeletes(config, node);
    Relation target = Relation.of(node.database(), node.schema(), node.alias());
    Relation source =
        Relation.of(
            node.database(), node.schema(), RelationNames.suffixed(node.alias(), "__dbt_source"));
    String sourceTable = "pg_temp." + Relation.quote(source.getIdentifier());
    String sql = SqlText.withoutTrailingSemicolon(compiled.sql());
    StringBuilder ran = new StringBuilder();
    return session.inTransaction(
        () -> {
          run(session, ran, "drop table if exists " + sourceTable);
          run(
              session,
              ran,
              "create temporary table %s as (\n%s\n)"
                  .formatted(Relation.quote(source.getIdentifier()), sql));
          List<String> columns =
              session.query("select * from " + sourceTable + " limit 0").getColumnNames();
          boolean newRecord = hardDeletes.equals("new_record");
          Changes changes = changes(node, config, strategy, keys, columns, snapshotTime, newRecord);
          boolean exists =
              session.relationType(target.getSchema(), target.getIdentifier()).isPresent();
          StatementResult response;
          String message;
          if (!exists) {
            response =
                run(
                    session,
                    ran,
                    "create table %s as (\n  select src.*, %s\n  from %s src\n)"
                        .formatted(target.schemaQualified(), changes.metaValues(), sourceTable));
            message = "SELECT " + Math.max(0, response.rowsAffected());
          } else {
            String match = match(keys);
            run(
                session,
                ran,
                ("update %s as snap set dbt_valid_to = %s\nfrom %s src\nwhere %s"
                        + " and snap.dbt_valid_to is null and (%s)")
                    .formatted(
                        target.schemaQualified(),
                        changes.validTo(),
                        sourceTable,
                        match,
                        changes.changed()));
            List<String> insertColumns = new ArrayList<>();
            columns.forEach(c -> insertColumns.add(Relation.quote(c)));
            META_COLUMNS.forEach(insertColumns::add);
            if (newRecord) {
              insertColumns.add(IS_DELETED);
              // A key that left the source gets a current row marking it deleted.
              run(
                  session,
                  ran,
                  ("insert into %s (%s)\nselect %s, %s, 'True'\nfrom %s snap\nwhere"
                          + " snap.dbt_valid_to is null and snap.%s = 'False'"
                          + " and not exists (select 1 from %s src where %s)")
                      .formatted(
                          target.schemaQualified(),
                          String.join(", ", insertColumns),
                          columns.stream()
                              .map(c -> "snap." + Relation.quote(c))
                              .collect(Collectors.joining(", ")),
                          meta(keys, "snap.", snapshotTime),
                          target.schemaQualified(),
                          IS_DELETED,
                          sourceTable,
                          match));
            }
            if (!hardDeletes.equals("ignore")) {
              run(
                  session,
                  ran,
                  ("update %s as snap set dbt_valid_to = %s\nwhere snap.dbt_valid_to is null"
                          + "%s and not exists (select 1 from %s src where %s)")
                      .formatted(
                          target.schemaQualified(),
                          snapshotTime,
                          newRecord ? " and snap.%s = 'False'".formatted(IS_DELETED) : "",
                          sourceTable,
                          match));
            }
            response =
                run(
                    session,
                    ran,
                    ("insert into %s (%s)\nselect src.*, %s\nfrom %s src\nwhere not exists"
                            + " (select 1 from %s snap where %s and snap.dbt_valid_to is null)")
                        .formatted(
                            target.schemaQualified(),
                            String.join(", ", insertColumns),
                            changes.metaValues(),
                            sourceTable,
                            target.schemaQualified(),
                            match));
            message = "INSERT 0 " + Math.max(0, response.rowsAffected());
          }
          run(session, ran, "drop table if exists " + sourceTable);
          return new Materializer.Outcome(response, message, ran.toString());
        });
  }

  /**
   * How a strategy sees a change.
   *
   * @param changed SQL true when the source row {@code src} differs from the current row {@code
   *     snap}
   * @param validTo the value that closes a changed row
   * @param metaValues the meta columns' values for a new current row from {@code src}
   */
  private record Changes(String changed, String validTo, String metaValues) {}

  private static Changes changes(
      Node node,
      NodeConfig config,
      String strategy,
      List<String> keys,
      List<String> columns,
      String snapshotTime,
      boolean newRecord) {
    String updatedAt;
    String changed;
    if (strategy.equals("timestamp")) {
      String column = config.string("updated_at", null);
      if (column == null) {
        throw new CompilerError(
            "Snapshot '%s' uses the timestamp strategy and needs an updated_at config"
                .formatted(node.name()));
      }
      updatedAt = "src." + column;
      changed = "snap.dbt_valid_from < src." + column;
    } else if (strategy.equals("check")) {
      List<String> checked = checkColumns(node, config, keys, columns);
      updatedAt = snapshotTime;
      changed =
          checked.stream()
              .map(c -> "snap.%s is distinct from src.%s".formatted(c, c))
              .collect(Collectors.joining(" or "));
    } else {
      throw new CompilerError(
          "Snapshot '%s' has strategy '%s'; use timestamp (with updated_at) or check (with"
                  .formatted(node.name(), config.string("strategy", ""))
              + " check_cols)");
    }
    if (newRecord) {
      // A returning key's current row is its deletion marker: closed like a changed row.
      changed = "(%s) or snap.%s = 'True'".formatted(changed, IS_DELETED);
    }
    String meta = meta(keys, "src.", updatedAt);
    return new Changes(changed, updatedAt, newRecord ? meta + ", 'False' as " + IS_DELETED : meta);
  }

  /** The meta columns' values of a new row: its id (key and time hashed) and its times. */
  private static String meta(List<String> keys, String alias, String time) {
    List<String> hashed = new ArrayList<>();
    keys.forEach(k -> hashed.add(alias + k));
    hashed.add(time);
    String scdId =
        "md5("
            + hashed.stream()
                .map(a -> "coalesce(cast(%s as varchar), '')".formatted(a))
                .collect(Collectors.joining(" || '|' || "))
            + ")";
    return "%s as dbt_scd_id, %s as dbt_updated_at, %s as dbt_valid_from, nullif(%s, %s) as dbt_valid_to"
        .formatted(scdId, time, time, time, time);
  }

  private static List<String> checkColumns(
      Node node, NodeConfig config, List<String> keys, List<String> columns) {
    Object configured = config.get("check_cols").orElse(null);
    if (configured == null) {
      throw new CompilerError(
          "Snapshot '%s' uses the check strategy and needs check_cols (a list of columns, or"
                  .formatted(node.name())
              + " 'all')");
    }
    if ("all".equals(configured)) {
      return columns.stream()
          .filter(c -> !keys.contains(c) && !META_COLUMNS.contains(c))
          .map(Relation::quote)
          .toList();
    }
    List<?> list = configured instanceof List<?> l ? l : List.of(configured);
    return list.stream().map(String::valueOf).toList();
  }

  private static String hardDeletes(NodeConfig config, Node node) {
    String mode = config.string("hard_deletes", null);
    if (mode == null) {
      return config.bool("invalidate_hard_deletes", false) ? "invalidate" : "ignore";
    }
    if (!List.of("ignore", "invalidate", "new_record").contains(mode)) {
      throw new CompilerError(
          "Snapshot '%s' has hard_deletes: %s; use ignore, invalidate or new_record"
              .formatted(node.name(), mode));
    }
    return mode;
  }

  private static String match(List<String> keys) {
    return keys.stream()
        .map(k -> "snap.%s = src.%s".formatted(k, k))
        .collect(Collectors.joining(" and "));
  }

  private static StatementResult run(Session session, StringBuilder ran, String sql) {
    ran.append(sql).append(";\n");
    return session.execute(sql);
  }
}
