package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.Column;
import dev.taxiplatform.transform.graph.SourceTable;
import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ProjectSettings;
import dev.taxiplatform.transform.project.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads the {@code sources:} of a property file: source tables, their columns and tests. */
final class SourceParser {
  private final ParseResults results;
  private final ParseRenderer renderer;
  private final String database;

  /**
   * @param database the target's database, for sources that do not name one
   */
  SourceParser(ParseResults results, ParseRenderer renderer, String database) {
    this.results = Objects.requireNonNull(results, "results");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.database = Objects.requireNonNull(database, "database");
  }

  void parse(ProjectSettings project, Map<String, Object> entry, String origin) {
    String sourceName = Yaml.string(entry.get("name"), null);
    if (sourceName == null) {
      throw new ProjectException("%s: a source lacks 'name'".formatted(origin));
    }
    String schema = Yaml.string(entry.get("schema"), sourceName);
    String sourceDatabase = Yaml.string(entry.get("database"), database);
    String sourceDescription = renderer.describe(entry.get("description"), origin);
    List<String> sourceTags = Yaml.strings(entry.get("tags"));
    for (Object tableEntry : Yaml.list(entry.get("tables"))) {
      Map<String, Object> table = Yaml.map(tableEntry);
      String tableName = Yaml.string(table.get("name"), null);
      if (tableName == null) {
        throw new ProjectException(
            "%s: a table of source '%s' lacks 'name'".formatted(origin, sourceName));
      }
      String id = "source." + project.name() + "." + sourceName + "." + tableName;
      Map<String, Column> columns = new LinkedHashMap<>();
      String expression =
          "source(" + JinjaLiterals.quote(sourceName) + ", " + JinjaLiterals.quote(tableName) + ")";
      String targetName = sourceName + "_" + tableName;
      for (Object columnEntry : Yaml.list(table.get("columns"))) {
        Map<String, Object> column = Yaml.map(columnEntry);
        String columnName = Yaml.string(column.get("name"), "");
        columns.put(
            columnName,
            new Column(
                columnName,
                renderer.describe(column.get("description"), origin),
                Yaml.string(column.get("data_type"), "")));
        for (Object test : TestSpecReader.tests(column)) {
          results
              .genericTests()
              .add(
                  TestSpecReader.read(
                      test, columnName, id, targetName, expression, true, origin, project.name()));
        }
      }
      for (Object test : TestSpecReader.tests(table)) {
        results
            .genericTests()
            .add(
                TestSpecReader.read(
                    test, null, id, targetName, expression, true, origin, project.name()));
      }
      List<String> tags = new ArrayList<>(sourceTags);
      Yaml.strings(table.get("tags"))
          .forEach(
              t -> {
                if (!tags.contains(t)) tags.add(t);
              });
      results
          .sources()
          .put(
              id,
              new SourceTable(
                  id,
                  sourceName,
                  tableName,
                  sourceDatabase,
                  schema,
                  Yaml.string(table.get("identifier"), tableName),
                  origin,
                  renderer.describe(table.get("description"), origin),
                  sourceDescription,
                  columns,
                  List.of(project.name(), sourceName, tableName),
                  tags,
                  Yaml.string(entry.get("loader"), "")));
    }
  }
}
