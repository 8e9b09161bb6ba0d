package dev.taxiplatform.transform.execution;

/** Names of the temporary relations a materialization builds beside the target. */
final class RelationNames {
  private static final int MAX_IDENTIFIER = 63;

  private RelationNames() {}

  /** {@code name + suffix}, shortening {@code name} so the result fits PostgreSQL's limit. */
  static String suffixed(String name, String suffix) {
    int room = MAX_IDENTIFIER - suffix.length();
    return (name.length() > room ? name.substring(0, room) : name) + suffix;
  }
}
