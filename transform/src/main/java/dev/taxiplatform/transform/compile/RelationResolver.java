package dev.taxiplatform.transform.compile;

import dev.taxiplatform.transform.database.Relation;
import java.util.List;

/** Resolves {@code ref()} and {@code source()} calls to relations. */
public interface RelationResolver {
  /**
   * @param ref {@code [name]} or {@code [package, name]}
   * @param version the {@code v}/{@code version} argument, or null
   */
  Relation ref(List<String> ref, Object version);

  Relation source(String sourceName, String tableName);
}
