package dev.taxiplatform.transform.invocation;

import dev.taxiplatform.transform.graph.ResourceType;
import java.util.Set;

/** The engine's commands and the resource types each runs. */
public enum Command {
  RUN("run", Set.of(ResourceType.MODEL)),
  TEST("test", Set.of(ResourceType.TEST)),
  BUILD(
      "build",
      Set.of(ResourceType.MODEL, ResourceType.SEED, ResourceType.SNAPSHOT, ResourceType.TEST)),
  SNAPSHOT("snapshot", Set.of(ResourceType.SNAPSHOT)),
  SEED("seed", Set.of(ResourceType.SEED)),
  COMPILE("compile", Set.of(ResourceType.MODEL, ResourceType.TEST)),
  LS(
      "ls",
      Set.of(
          ResourceType.MODEL,
          ResourceType.SEED,
          ResourceType.SNAPSHOT,
          ResourceType.TEST,
          ResourceType.SOURCE)),
  DEBUG("debug", Set.of()),
  DEPS("deps", Set.of()),
  RUN_OPERATION("run-operation", Set.of()),
  DOCS_GENERATE("generate", Set.of(ResourceType.MODEL, ResourceType.SEED, ResourceType.TEST));

  private final String which;
  private final Set<ResourceType> types;

  Command(String which, Set<ResourceType> types) {
    this.which = which;
    this.types = types;
  }

  /** The command's name as dbt's {@code flags.WHICH}. */
  public String which() {
    return which;
  }

  /** The resource types it runs. */
  public Set<ResourceType> types() {
    return types;
  }
}
