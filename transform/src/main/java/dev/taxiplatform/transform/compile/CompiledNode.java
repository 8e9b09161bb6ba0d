package dev.taxiplatform.transform.compile;

import dev.taxiplatform.transform.graph.Node;
import java.util.Objects;

/**
 * A node's SQL after Jinja, with ephemeral models inlined as CTEs.
 *
 * @param node the node
 * @param sql the compiled SQL
 * @param capture what the render recorded (its config() calls, statements)
 */
public record CompiledNode(Node node, String sql, RenderCapture capture) {
  public CompiledNode {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(capture, "capture");
  }
}
