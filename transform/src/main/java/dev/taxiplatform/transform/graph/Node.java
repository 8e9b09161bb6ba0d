package dev.taxiplatform.transform.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A model, seed or test of the project, as parsed. The parser fills in its configuration,
 * documentation, dependencies and relation name; after parsing a node is read only.
 */
public final class Node {
  private final String uniqueId;
  private final ResourceType type;
  private final String name;
  private final String packageName;
  private final String originalFilePath;
  private final String path;
  private final List<String> fqn;
  private final String rawCode;

  private NodeConfig config = NodeConfig.of(Map.of());
  private String description = "";
  private final Map<String, Column> columns = new LinkedHashMap<>();
  private final List<List<String>> refs = new ArrayList<>();
  private final List<List<String>> sources = new ArrayList<>();
  private final Set<String> dependsOn = new LinkedHashSet<>();
  private String database = "";
  private String schema = "";
  private String alias = "";
  private TestMetadata testMetadata;
  private String patchPath;
  private String checksum = "";

  public Node(
      String uniqueId,
      ResourceType type,
      String name,
      String packageName,
      String originalFilePath,
      String path,
      List<String> fqn,
      String rawCode) {
    this.uniqueId = Objects.requireNonNull(uniqueId, "uniqueId");
    this.type = Objects.requireNonNull(type, "type");
    this.name = Objects.requireNonNull(name, "name");
    this.packageName = Objects.requireNonNull(packageName, "packageName");
    this.originalFilePath = Objects.requireNonNull(originalFilePath, "originalFilePath");
    this.path = Objects.requireNonNull(path, "path");
    this.fqn = List.copyOf(fqn);
    this.rawCode = Objects.requireNonNull(rawCode, "rawCode");
  }

  public String uniqueId() {
    return uniqueId;
  }

  public ResourceType type() {
    return type;
  }

  public String name() {
    return name;
  }

  public String packageName() {
    return packageName;
  }

  /** The file, relative to the project directory. */
  public String originalFilePath() {
    return originalFilePath;
  }

  /** The file, relative to its resource directory ({@code models/}, {@code seeds/}, ...). */
  public String path() {
    return path;
  }

  public List<String> fqn() {
    return fqn;
  }

  public String rawCode() {
    return rawCode;
  }

  public NodeConfig config() {
    return config;
  }

  public void config(NodeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public String description() {
    return description;
  }

  public void description(String description) {
    this.description = description == null ? "" : description;
  }

  public Map<String, Column> columns() {
    return Collections.unmodifiableMap(columns);
  }

  public void putColumn(Column column) {
    columns.put(column.name(), column);
  }

  /** The {@code ref()} calls found when parsing: {@code [name]} or {@code [package, name]}. */
  public List<List<String>> refs() {
    return Collections.unmodifiableList(refs);
  }

  public void addRef(List<String> ref) {
    if (!refs.contains(ref)) {
      refs.add(List.copyOf(ref));
    }
  }

  /** The {@code source()} calls found when parsing: {@code [source, table]}. */
  public List<List<String>> sources() {
    return Collections.unmodifiableList(sources);
  }

  public void addSource(List<String> source) {
    if (!sources.contains(source)) {
      sources.add(List.copyOf(source));
    }
  }

  /** The unique ids of the nodes and sources this node depends on. */
  public Set<String> dependsOn() {
    return Collections.unmodifiableSet(dependsOn);
  }

  public void addDependency(String uniqueId) {
    dependsOn.add(uniqueId);
  }

  public String database() {
    return database;
  }

  public String schema() {
    return schema;
  }

  public String alias() {
    return alias;
  }

  public void relation(String database, String schema, String alias) {
    this.database = Objects.requireNonNull(database, "database");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.alias = Objects.requireNonNull(alias, "alias");
  }

  /** For a generic test: what it tests; null otherwise. */
  public TestMetadata testMetadata() {
    return testMetadata;
  }

  public void testMetadata(TestMetadata testMetadata) {
    this.testMetadata = testMetadata;
  }

  /** The property file that documents this node, or null. */
  public String patchPath() {
    return patchPath;
  }

  public void patchPath(String patchPath) {
    this.patchPath = patchPath;
  }

  /** SHA-256 of the file's contents. */
  public String checksum() {
    return checksum;
  }

  public void checksum(String checksum) {
    this.checksum = checksum;
  }

  /** Whether this model is ephemeral (inlined into its dependents, never built). */
  public boolean isEphemeral() {
    return type == ResourceType.MODEL && config.materialized().equals("ephemeral");
  }

  /**
   * The node as templates see it ({@code model}, a naming macro's {@code node}, a result's {@code
   * node}), with {@code config} as its configuration.
   */
  public Map<String, Object> templateValue(NodeConfig config) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", name);
    value.put("unique_id", uniqueId);
    value.put("resource_type", type.label());
    value.put("package_name", packageName);
    value.put("original_file_path", originalFilePath);
    value.put("path", path);
    value.put("fqn", fqn);
    value.put("config", config.values());
    value.put("tags", config.tags());
    value.put("description", description);
    value.put("database", database);
    value.put("schema", schema);
    value.put("alias", alias);
    value.put("raw_code", rawCode);
    return value;
  }

  @Override
  public String toString() {
    return uniqueId;
  }
}
