package dev.taxiplatform.transform.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taxiplatform.transform.testing.EngineRun;
import dev.taxiplatform.transform.testing.PostgresExtension;
import dev.taxiplatform.transform.testing.Projects;
import dev.taxiplatform.transform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code manifest.json} and {@code run_results.json} carry what dbt's published JSON schemas
 * (manifest v12, run-results v6) require. The schemas are not shipped; the required fields and the
 * closed property sets below are transcribed from them.
 */
@ExtendWith(PostgresExtension.class)
class ArtifactsTest {
  private static final List<String> MANIFEST_TOP =
      List.of(
          "metadata",
          "nodes",
          "sources",
          "macros",
          "docs",
          "exposures",
          "metrics",
          "groups",
          "selectors",
          "disabled",
          "parent_map",
          "child_map",
          "group_map",
          "saved_queries",
          "semantic_models",
          "unit_tests");
  private static final Set<String> MANIFEST_METADATA =
      Set.of(
          "dbt_schema_version",
          "dbt_version",
          "generated_at",
          "invocation_id",
          "invocation_started_at",
          "env",
          "project_name",
          "project_id",
          "user_id",
          "send_anonymous_usage_stats",
          "adapter_type",
          "quoting");
  private static final List<String> NODE_REQUIRED =
      List.of(
          "database",
          "schema",
          "name",
          "resource_type",
          "package_name",
          "path",
          "original_file_path",
          "unique_id",
          "fqn",
          "alias",
          "checksum");
  private static final List<String> SOURCE_REQUIRED =
      List.of(
          "database",
          "schema",
          "name",
          "resource_type",
          "package_name",
          "path",
          "original_file_path",
          "unique_id",
          "fqn",
          "source_name",
          "source_description",
          "loader",
          "identifier");
  private static final List<String> MACRO_REQUIRED =
      List.of(
          "name",
          "resource_type",
          "package_name",
          "path",
          "original_file_path",
          "unique_id",
          "macro_sql");
  private static final List<String> RESULT_REQUIRED =
      List.of(
          "status",
          "timing",
          "thread_id",
          "execution_time",
          "adapter_response",
          "message",
          "failures",
          "unique_id",
          "compiled",
          "compiled_code",
          "relation_name");
  private static final Set<String> RESULT_ALLOWED =
      Set.of(
          "status",
          "timing",
          "thread_id",
          "execution_time",
          "adapter_response",
          "message",
          "failures",
          "unique_id",
          "compiled",
          "compiled_code",
          "relation_name",
          "batch_results");

  @Test
  void manifestAndRunResultsHaveWhatDbtsSchemasRequire(TestDatabase database, @TempDir Path temp)
      throws Exception {
    Path project = Projects.resource("shop", temp.resolve("shop"));
    database.writeProfile(project, "shop", "dev", 2);
    assertThat(EngineRun.of(Map.of(), "build", "--project-dir", project.toString()).exitCode())
        .isZero();
    ObjectMapper json = new ObjectMapper();

    JsonNode manifest = json.readTree(Files.readString(project.resolve("target/manifest.json")));
    assertThat(names(manifest)).containsAll(MANIFEST_TOP);
    assertThat(manifest.at("/metadata/dbt_schema_version").asText())
        .isEqualTo("https://schemas.getdbt.com/dbt/manifest/v12.json");
    assertThat(MANIFEST_METADATA).containsAll(names(manifest.get("metadata")));
    assertThat(manifest.get("nodes").size()).isEqualTo(3 + 5 + 14);
    for (JsonNode node : manifest.get("nodes")) {
      assertThat(names(node)).as(node.get("unique_id").asText()).containsAll(NODE_REQUIRED);
      assertThat(node.get("fqn").isArray()).isTrue();
      assertThat(names(node.get("checksum"))).containsExactlyInAnyOrder("name", "checksum");
      assertThat(node.get("checksum").get("checksum").asText()).hasSize(64);
      assertThat(node.get("resource_type").asText()).isIn("model", "seed", "test");
    }
    JsonNode orders = manifest.at("/nodes/model.shop.orders");
    assertThat(orders.get("relation_name").asText())
        .isEqualTo("\"%s\".\"dev_analytics\".\"orders\"".formatted(database.name()));
    assertThat(orders.at("/depends_on/nodes"))
        .extracting(JsonNode::asText)
        .containsExactly("model.shop.stg_orders", "model.shop.stg_payments");
    assertThat(orders.at("/config/materialized").asText()).isEqualTo("table");
    assertThat(manifest.at("/child_map/model.shop.stg_orders"))
        .extracting(JsonNode::asText)
        .contains("model.shop.orders");
    assertThat(manifest.at("/nodes/model.shop.stg_orders/columns/status/description").asText())
        .isEqualTo("One of `placed`, `shipped`, `completed`, `returned`.");
    assertThat(manifest.at("/docs/doc.shop.order_status/block_contents").asText())
        .isEqualTo("One of `placed`, `shipped`, `completed`, `returned`.");
    for (JsonNode macro : manifest.get("macros")) {
      assertThat(names(macro)).containsAll(MACRO_REQUIRED);
    }
    assertThat(manifest.at("/macros/macro.shop.cents_to_dollars/macro_sql").asText())
        .startsWith("{% macro cents_to_dollars(column_name, scale=2) -%}")
        .endsWith("{%- endmacro %}");

    JsonNode results = json.readTree(Files.readString(project.resolve("target/run_results.json")));
    assertThat(names(results)).containsExactly("metadata", "results", "elapsed_time", "args");
    assertThat(results.at("/metadata/dbt_schema_version").asText())
        .isEqualTo("https://schemas.getdbt.com/dbt/run-results/v6.json");
    assertThat(Set.of("dbt_schema_version", "dbt_version", "generated_at", "invocation_id", "env"))
        .containsAll(names(results.get("metadata")));
    assertThat(results.get("results").size()).isEqualTo(22);
    for (JsonNode result : results.get("results")) {
      assertThat(names(result)).containsAll(RESULT_REQUIRED);
      assertThat(RESULT_ALLOWED).containsAll(names(result));
      assertThat(result.get("status").asText()).isIn("success", "pass");
      assertThat(result.get("execution_time").isNumber()).isTrue();
      assertThat(result.get("thread_id").asText()).matches("Thread-\\d+ \\(worker\\)");
      for (JsonNode timing : result.get("timing")) {
        assertThat(timing.get("name").asText()).isIn("compile", "execute");
      }
    }
    JsonNode seed = find(results, "seed.shop.raw_payments");
    assertThat(seed.at("/adapter_response/rows_affected").asLong()).isEqualTo(8);
    assertThat(seed.at("/adapter_response/_message").asText()).isEqualTo("INSERT 8");
    JsonNode test = find(results, "test.shop.assert_order_amounts_match_payments");
    assertThat(test.get("failures").asLong()).isZero();
    assertThat(test.get("message").isNull()).isTrue();
    assertThat(test.get("compiled").asBoolean()).isTrue();
    assertThat(results.at("/args/which").asText()).isEqualTo("build");
  }

  @Test
  void docsGenerateWritesCatalogAndAStaticPage(TestDatabase database, @TempDir Path temp)
      throws Exception {
    Path project = Projects.resource("shop", temp.resolve("shop"));
    database.writeProfile(project, "shop", "dev", 2);
    assertThat(EngineRun.of(Map.of(), "seed", "--project-dir", project.toString()).exitCode())
        .isZero();

    EngineRun docs =
        EngineRun.of(Map.of(), "docs", "generate", "--project-dir", project.toString());

    assertThat(docs.exitCode()).as(docs.output()).isZero();
    JsonNode catalog =
        new ObjectMapper().readTree(Files.readString(project.resolve("target/catalog.json")));
    assertThat(catalog.at("/nodes/seed.shop.raw_orders/metadata/type").asText())
        .isEqualTo("BASE TABLE");
    assertThat(catalog.at("/nodes/seed.shop.raw_orders/columns/order_date/type").asText())
        .isEqualTo("date");
    assertThat(catalog.at("/nodes/model.shop.orders").isMissingNode()).isTrue();
    String page = Files.readString(project.resolve("target/index.html"));
    assertThat(page)
        .contains("\"model.shop.customers\"")
        .contains("One row per customer")
        .doesNotContain("/*MANIFEST*/");
  }

  private static JsonNode find(JsonNode results, String id) {
    for (JsonNode result : results.get("results")) {
      if (result.get("unique_id").asText().equals(id)) {
        return result;
      }
    }
    throw new AssertionError("No result for " + id);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
