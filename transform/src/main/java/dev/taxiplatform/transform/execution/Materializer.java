package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.compile.CompiledNode;
import dev.taxiplatform.transform.compile.CompilerError;
import dev.taxiplatform.transform.compile.SqlText;
import dev.taxiplatform.transform.database.ColumnInfo;
import dev.taxiplatform.transform.database.Relation;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.StatementResult;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a model's relation with dbt-postgres semantics.
 *
 * <ul>
 *   <li>{@code view} and {@code table}: built aside as {@code <name>__dbt_tmp}, then in one
 *       transaction the old relation is renamed to {@code <name>__dbt_backup}, the new one takes
 *       its name and the backup is dropped, so readers never see a missing or half-built relation.
 *   <li>{@code incremental}: the first run (or {@code --full-refresh}) builds a table as above;
 *       later runs build the new rows into a temporary table and apply them with the strategy
 *       ({@code append}, {@code delete+insert}, {@code merge}; the default is delete+insert with a
 *       {@code unique_key}, else append), handling {@code on_schema_change}.
 * </ul>
 */
final class Materializer {
  private final boolean fullRefresh;

  Materializer(boolean fullRefresh) {
    this.fullRefresh = fullRefresh;
  }

  /**
   * What a materialization ran.
   *
   * @param response the response to the main statement
   * @param message the status line's message
   * @param sql the statements that ran, for {@code target/run}
   */
  record Outcome(StatementResult response, String message, String sql) {}

  Outcome materialize(CompiledNode compiled, Session session) {
    Node node = compiled.node();
    NodeConfig config = node.config().merge(compiled.capture().config());
    String materialized = config.materialized();
    Relation target = Relation.of(node.database(), node.schema(), node.alias());
    String sql = SqlText.withoutTrailingSemicolon(compiled.sql());
    return switch (materialized) {
      case "view" -> swap(session, target, "view", "create view %s as (\n" + sql + "\n)");
      case "table" -> swap(session, target, "table", "create table %s as (\n" + sql + "\n)");
      case "incremental" -> incremental(session, target, config, sql);
      default ->
          throw new CompilerError(
              "Model '%s' has materialized='%s'; this engine supports view, table, incremental and ephemeral"
                  .formatted(node.name(), materialized));
    };
  }

  private Outcome swap(Session session, Relation target, String kind, String createTemplate) {
    Relation temp =
        target.withIdentifier(RelationNames.suffixed(target.getIdentifier(), "__dbt_tmp"));
    Relation backup =
        target.withIdentifier(RelationNames.suffixed(target.getIdentifier(), "__dbt_backup"));
    String create = createTemplate.formatted(temp.schemaQualified());
    StringBuilder ran = new StringBuilder();
    StatementResult response =
        session.inTransaction(
            () -> {
              Map<String, String> found =
                  session.relationTypes(
                      target.getSchema(),
                      List.of(
                          temp.getIdentifier(), backup.getIdentifier(), target.getIdentifier()));
              drop(session, temp, found.get(temp.getIdentifier()));
              drop(session, backup, found.get(backup.getIdentifier()));
              StatementResult created = session.execute(create);
              ran.append(create).append(";\n");
              Optional<String> existing = Optional.ofNullable(found.get(target.getIdentifier()));
              if (existing.isPresent()) {
                session.execute(
                    "alter %s %s rename to %s"
                        .formatted(
                            ddlKind(existing.get()),
                            target.schemaQualified(),
                            Relation.quote(backup.getIdentifier())));
              }
              session.execute(
                  "alter %s %s rename to %s"
                      .formatted(
                          kind, temp.schemaQualified(), Relation.quote(target.getIdentifier())));
              if (existing.isPresent()) {
                session.execute(
                    "drop %s if exists %s cascade"
                        .formatted(ddlKind(existing.get()), backup.schemaQualified()));
              }
              return created;
            });
    String message =
        kind.equals("view") ? "CREATE VIEW" : "SELECT " + Math.max(0, response.rowsAffected());
    return new Outcome(response, message, ran.toString());
  }

  private static String ddlKind(String relationType) {
    return switch (relationType) {
      case "view" -> "view";
      case "materialized_view" -> "materialized view";
      default -> "table";
    };
  }

  private static void drop(Session session, Relation relation, String type) {
    if (type != null) {
      session.execute(
          "drop %s if exists %s cascade".formatted(ddlKind(type), relation.schemaQualified()));
    }
  }

  private Outcome incremental(Session session, Relation target, NodeConfig config, String sql) {
    Optional<String> existing = session.relationType(target.getSchema(), target.getIdentifier());
    boolean refresh =
        config.get("full_refresh").map(v -> Boolean.parseBoolean(v.toString())).orElse(fullRefresh);
    if (existing.isEmpty() || !existing.get().equals("table") || refresh) {
      return swap(session, target, "table", "create table %s as (\n" + sql + "\n)");
    }
    String tempName =
        RelationNames.suffixed(target.getIdentifier(), "__dbt_tmp" + System.nanoTime() % 1_000_000);
    String createTemp =
        "create temporary table %s as (\n%s\n)".formatted(Relation.quote(tempName), sql);
    session.execute("drop table if exists " + Relation.quote(tempName));
    session.execute(createTemp);
    try {
      List<ColumnInfo> newColumns = tempColumns(session, tempName);
      List<ColumnInfo> targetColumns = session.columns(target.getSchema(), target.getIdentifier());
      List<ColumnInfo> destination =
          reconcileSchema(session, target, config, newColumns, targetColumns);
      String columns =
          destination.stream().map(c -> Relation.quote(c.name())).collect(Collectors.joining(", "));
      List<String> keys = config.uniqueKey();
      String strategy =
          config
              .string("incremental_strategy", keys.isEmpty() ? "append" : "delete+insert")
              .toLowerCase(Locale.ROOT);
      String temp = Relation.quote(tempName);
      List<String> statements = new ArrayList<>();
      switch (strategy) {
        case "append" -> statements.add(insert(target, temp, columns));
        case "delete+insert" -> {
          requireKeys(keys, strategy, target);
          statements.add(deleteMatching(target, temp, keys));
          statements.add(insert(target, temp, columns));
        }
        case "merge" -> {
          requireKeys(keys, strategy, target);
          statements.add(merge(target, temp, keys, destination));
        }
        default ->
            throw new CompilerError(
                "Incremental strategy '%s' of %s is not supported: use append, delete+insert or merge"
                    .formatted(strategy, target.displayName()));
      }
      StatementResult response =
          session.inTransaction(
              () -> {
                StatementResult last = null;
                for (String statement : statements) {
                  last = session.execute(statement);
                }
                return last;
              });
      String ran = createTemp + ";\n" + String.join(";\n", statements) + ";\n";
      long rows = Math.max(0, response.rowsAffected());
      String verb = strategy.equals("merge") ? "MERGE " : "INSERT 0 ";
      return new Outcome(response, verb + rows, ran);
    } finally {
      session.execute("drop table if exists " + Relation.quote(tempName));
    }
  }

  private static List<ColumnInfo> tempColumns(Session session, String tempName) {
    String schema =
        String.valueOf(
            session
                .query(
                    "select nspname from pg_catalog.pg_namespace where oid = pg_my_temp_schema()")
                .getRows()
                .get(0)
                .get(0));
    return session.columns(schema, tempName);
  }

  private static List<ColumnInfo> reconcileSchema(
      Session session,
      Relation target,
      NodeConfig config,
      List<ColumnInfo> newColumns,
      List<ColumnInfo> targetColumns) {
    String mode = config.string("on_schema_change", "ignore").toLowerCase(Locale.ROOT);
    List<String> targetNames = targetColumns.stream().map(ColumnInfo::name).toList();
    List<String> newNames = newColumns.stream().map(ColumnInfo::name).toList();
    List<ColumnInfo> added =
        newColumns.stream().filter(c -> !targetNames.contains(c.name())).toList();
    List<ColumnInfo> removed =
        targetColumns.stream().filter(c -> !newNames.contains(c.name())).toList();
    boolean changed = !added.isEmpty() || !removed.isEmpty();
    switch (mode) {
      case "ignore" -> {
        return targetColumns.stream().filter(c -> newNames.contains(c.name())).toList();
      }
      case "fail" -> {
        if (changed) {
          throw new CompilerError(
              ("The source and target schemas on this incremental model are out of sync: %s."
                      + " New columns: %s; removed columns: %s. Run with --full-refresh or set"
                      + " on_schema_change to append_new_columns or sync_all_columns.")
                  .formatted(target.displayName(), names(added), names(removed)));
        }
        return targetColumns;
      }
      case "append_new_columns", "sync_all_columns" -> {
        for (ColumnInfo column : added) {
          session.execute(
              "alter table %s add column %s %s"
                  .formatted(
                      target.schemaQualified(), Relation.quote(column.name()), column.dataType()));
        }
        if (mode.equals("sync_all_columns")) {
          for (ColumnInfo column : removed) {
            session.execute(
                "alter table %s drop column %s"
                    .formatted(target.schemaQualified(), Relation.quote(column.name())));
          }
          return newColumns;
        }
        List<ColumnInfo> destination =
            new ArrayList<>(
                targetColumns.stream().filter(c -> newNames.contains(c.name())).toList());
        destination.addAll(added);
        return destination;
      }
      default ->
          throw new CompilerError(
              "on_schema_change='%s' is not one of ignore, fail, append_new_columns, sync_all_columns"
                  .formatted(mode));
    }
  }

  private static String names(List<ColumnInfo> columns) {
    return columns.isEmpty()
        ? "none"
        : columns.stream().map(ColumnInfo::name).collect(Collectors.joining(", "));
  }

  private static void requireKeys(List<String> keys, String strategy, Relation target) {
    if (keys.isEmpty()) {
      throw new CompilerError(
          "Incremental strategy '%s' of %s needs a unique_key config"
              .formatted(strategy, target.displayName()));
    }
  }

  private static String insert(Relation target, String temp, String columns) {
    return "insert into %s (%s)\n(\n    select %s\n    from %s\n)"
        .formatted(target.schemaQualified(), columns, columns, temp);
  }

  private static String deleteMatching(Relation target, String temp, List<String> keys) {
    if (keys.size() == 1) {
      return "delete from %s\nwhere (%s) in (\n    select (%s)\n    from %s\n)"
          .formatted(target.schemaQualified(), keys.get(0), keys.get(0), temp);
    }
    String matches =
        keys.stream()
            .map(k -> "%s.%s = %s.%s".formatted(temp, k, target.schemaQualified(), k))
            .collect(Collectors.joining("\n    and "));
    return "delete from %s\nusing %s\nwhere (\n    %s\n)"
        .formatted(target.schemaQualified(), temp, matches);
  }

  private static String merge(
      Relation target, String temp, List<String> keys, List<ColumnInfo> columns) {
    String on =
        keys.stream()
            .map(k -> "DBT_INTERNAL_SOURCE.%s = DBT_INTERNAL_DEST.%s".formatted(k, k))
            .collect(Collectors.joining(" and "));
    String updates =
        columns.stream()
            .map(
                c ->
                    "%s = DBT_INTERNAL_SOURCE.%s"
                        .formatted(Relation.quote(c.name()), Relation.quote(c.name())))
            .collect(Collectors.joining(", "));
    String names =
        columns.stream().map(c -> Relation.quote(c.name())).collect(Collectors.joining(", "));
    String values =
        columns.stream()
            .map(c -> "DBT_INTERNAL_SOURCE." + Relation.quote(c.name()))
            .collect(Collectors.joining(", "));
    return ("merge into %s as DBT_INTERNAL_DEST\nusing %s as DBT_INTERNAL_SOURCE\non (%s)\n"
            + "when matched then update set %s\nwhen not matched then insert (%s) values (%s)")
        .formatted(target.schemaQualified(), temp, on, updates, names, values);
  }
}
