package dev.taxiplatform.transform.execution;

import dev.taxiplatform.transform.database.Relation;
import dev.taxiplatform.transform.database.Session;
import dev.taxiplatform.transform.graph.Node;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates every schema a run writes to, once, before any node runs (as dbt does). Nodes running in
 * parallel then never create a schema themselves: two concurrent {@code create schema if not
 * exists} of the same new schema make one of them fail on PostgreSQL's unique index of schema
 * names.
 */
public final class SchemaCreator {
  private SchemaCreator() {}

  /** The schemas the nodes build relations in, sorted. */
  public static Set<String> schemasOf(Collection<Node> nodes) {
    Set<String> schemas = new TreeSet<>();
    for (Node node : nodes) {
      if (writesRelation(node)) {
        schemas.add(node.schema());
      }
    }
    return schemas;
  }

  /** Creates the schemas the nodes need that do not exist yet, one at a time. */
  public static void createFor(Collection<Node> nodes, Session session) {
    for (String schema : schemasOf(nodes)) {
      session.execute("create schema if not exists " + Relation.quote(schema));
    }
  }

  private static boolean writesRelation(Node node) {
    return switch (node.type()) {
      case MODEL -> !node.isEphemeral();
      case SEED, SNAPSHOT -> true;
      case TEST -> node.config().bool("store_failures", false);
      case SOURCE -> false;
    };
  }
}
