package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.compile.CompiledNode;
import dev.taxiplatform.transform.compile.SqlText;
import dev.taxiplatform.transform.database.QueryTable;
import dev.taxiplatform.transform.database.Relation;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.StatementResult;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import java.util.List;

/**
 * Runs a data test as dbt does: the test's query selects failing rows; {@code fail_calc} (default
 * {@code count(*)}) over them is compared with {@code warn_if} and {@code error_if} (default {@code
 * != 0}); {@code severity: warn} turns failures into warnings; {@code limit} caps the rows looked
 * at; {@code store_failures} keeps the failing rows in a table of the audit schema.
 */
final class TestExecutor {

  /**
   * A test's outcome.
   *
   * @param status pass, warn or fail
   * @param failures the value of fail_calc
   * @param sql the query that ran
   * @param response the database's response
   */
  record Outcome(NodeStatus status, long failures, String sql, StatementResult response) {}

  Outcome run(CompiledNode compiled, Session session) {
    Node node = compiled.node();
    NodeConfig config = node.config().merge(compiled.capture().config());
    String testSql = SqlText.withoutTrailingSemicolon(compiled.sql());
    StringBuilder ran = new StringBuilder();
    String failingRows = testSql;
    if (config.bool("store_failures", false)) {
      Relation audit = Relation.of(node.database(), node.schema(), node.alias());
      String create = "create table %s as (\n%s\n)".formatted(audit.schemaQualified(), testSql);
      session.inTransaction(
          () -> {
            session.execute("drop table if exists " + audit.schemaQualified() + " cascade");
            return session.execute(create);
          });
      ran.append(create).append(";\n");
      failingRows = "select * from " + audit.schemaQualified();
    }
    Object limit = config.get("limit").orElse(null);
    String failCalc = config.string("fail_calc", "count(*)");
    String sql =
        """
        select
              %s as failures,
              %s %s as should_warn,
              %s %s as should_error
            from (
              %s
              %s
            ) dbt_internal_test"""
            .formatted(
                failCalc,
                failCalc,
                config.string("warn_if", "!= 0"),
                failCalc,
                config.string("error_if", "!= 0"),
                failingRows,
                limit == null ? "" : "limit " + limit);
    ran.append(sql);
    QueryTable result = session.query(sql);
    List<Object> row = result.getRows().get(0);
    long failures = row.get(0) == null ? 0 : ((Number) row.get(0)).longValue();
    boolean shouldWarn = Boolean.TRUE.equals(row.get(1));
    boolean shouldError = Boolean.TRUE.equals(row.get(2));
    NodeStatus status;
    if (config.severity().equals("error") && shouldError) {
      status = NodeStatus.FAIL;
    } else if (shouldWarn) {
      status = NodeStatus.WARN;
    } else {
      status = NodeStatus.PASS;
    }
    return new Outcome(
        status, failures, ran.toString(), new StatementResult("SELECT 1", "SELECT", 1));
  }
}
