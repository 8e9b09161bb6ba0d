package dev.taxiplatform.transform.invocation;

import dev.taxiplatform.transform.artifacts.CatalogWriter;
import dev.taxiplatform.transform.artifacts.DocsSite;
import dev.taxiplatform.transform.artifacts.ManifestWriter;
import dev.taxiplatform.transform.compile.RunSettings;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.database.Warehouse;
import dev.taxiplatform.transform.execution.ConsoleReporter;
import dev.taxiplatform.transform.parse.ParsedProject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code docs generate}: writes the manifest, the catalog and a static documentation page. */
final class DocsGenerator {
  private final ConsoleReporter reporter;
  private final RunSettings settings;
  private final ParsedProject parsed;
  private final Warehouse warehouse;

  DocsGenerator(
      ConsoleReporter reporter, RunSettings settings, ParsedProject parsed, Warehouse warehouse) {
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.parsed = Objects.requireNonNull(parsed, "parsed");
    this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
  }

  int generate(List<String> selected, Instant started) {
    Objects.requireNonNull(selected, "selected");
    Path target = settings.project().targetDirectory();
    Map<String, Object> manifest =
        ManifestWriter.document(parsed.manifest(), settings.invocationId(), started, "postgres");
    Map<String, Object> catalog;
    try (Session session = warehouse.open()) {
      catalog =
          CatalogWriter.document(parsed.manifest(), session, settings.invocationId(), started);
    }
    CatalogWriter.write(target.resolve("catalog.json"), catalog);
    DocsSite.write(target.resolve("index.html"), manifest, catalog);
    reporter.line("Building catalog");
    reporter.line(
        "Catalog written to " + target.resolve("catalog.json").toAbsolutePath().normalize());
    reporter.line(
        "Documentation page written to "
            + target.resolve("index.html").toAbsolutePath().normalize());
    return selected.isEmpty() && parsed.manifest().nodes().isEmpty()
        ? ExitCodes.SUCCESS
        : ExitCodes.SUCCESS;
  }
}
