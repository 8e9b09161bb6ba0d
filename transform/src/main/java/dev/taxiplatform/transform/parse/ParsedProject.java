package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.jinja.JinjaEngine;
import java.util.Objects;

/**
 * A parsed project: its manifest and the Jinja engine holding its macros.
 *
 * @param manifest the nodes, sources and graph
 * @param engine the engine to compile nodes with
 */
public record ParsedProject(Manifest manifest, JinjaEngine engine) {
  public ParsedProject {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(engine, "engine");
  }
}
