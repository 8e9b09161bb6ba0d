package dev.taxiplatform.transform.parse;

import dev.taxiplatform.transform.compile.CompilerError;
import dev.taxiplatform.transform.compile.RelationResolver;
import dev.taxiplatform.transform.compile.RenderCapture;
import dev.taxiplatform.transform.compile.RunSettings;
import dev.taxiplatform.transform.compile.TemplateContext;
import dev.taxiplatform.transform.database.Relation;
import dev.taxiplatform.transform.graph.Column;
import dev.taxiplatform.transform.graph.MacroDefinition;
import dev.taxiplatform.transform.graph.Manifest;
import dev.taxiplatform.transform.graph.Node;
import dev.taxiplatform.transform.graph.NodeConfig;
import dev.taxiplatform.transform.graph.ResourceType;
import dev.taxiplatform.transform.graph.SourceTable;
import dev.taxiplatform.transform.graph.TestMetadata;
import dev.taxiplatform.transform.jinja.JavaFunction;
import dev.taxiplatform.transform.jinja.JinjaEngine;
import dev.taxiplatform.transform.jinja.TemplateSource;
import dev.taxiplatform.transform.project.ConfigTree;
import dev.taxiplatform.transform.project.ProjectException;
import dev.taxiplatform.transform.project.ProjectSettings;
import dev.taxiplatform.transform.project.Yaml;
import dev.taxiplatform.transform.project.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses a dbt project: macros, docs blocks, models, seeds, singular tests, property files
 * (descriptions, columns, sources, generic tests), the configuration hierarchy, dependencies and
 * relation names.
 */
public final class ProjectParser {
  static final List<String> BUILTIN_MACROS = List.of("naming.sql", "generic_tests.sql");
  private static final Set<String> TEST_CONFIG_KEYS =
      Set.of(
          "severity",
          "where",
          "limit",
          "warn_if",
          "error_if",
          "fail_calc",
          "store_failures",
          "tags",
          "enabled",
          "meta",
          "alias",
          "schema",
          "database");

  private static final Pattern MACRO_DEFINITION =
      Pattern.compile("\\{%-?\\s*(macro|test)\\s+([A-Za-z_]\\w*)");

  private final RunSettings settings;
  private final ProjectSettings project;
  private final YamlReader yaml = new YamlReader();

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, SourceTable> sources = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> treeConfigs = new HashMap<>();
  private final Map<String, Map<String, Object>> propertyConfigs = new HashMap<>();
  private final Map<String, Map<String, Object>> fileConfigs = new HashMap<>();
  private final List<GenericTestSpec> genericTests = new ArrayList<>();
  private final Map<String, MacroDefinition> macroFiles = new LinkedHashMap<>();
  private Map<String, String> docs = new LinkedHashMap<>();
  private JinjaEngine engine;

  public ProjectParser(RunSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.project = settings.project();
  }

  /** Parses the project. */
  public ParsedProject parse() {
    engine = JinjaEngine.create(macroSources(), List.of());
    docs = docsBlocks();
    parseModels();
    parseSeeds();
    parseSingularTests();
    parsePropertyFiles();
    applyConfigs();
    List<Node> disabled = removeDisabled();
    createGenericTests();
    resolveDependencies();
    nameRelations();
    Manifest manifest = new Manifest(project.name(), nodes, sources, macroFiles, docs, disabled);
    return new ParsedProject(manifest, engine);
  }

  private List<TemplateSource> macroSources() {
    List<TemplateSource> sources = new ArrayList<>();
    for (String builtin : BUILTIN_MACROS) {
      String resource = "/dev/taxiplatform/transform/macros/" + builtin;
      try (InputStream in = ProjectParser.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("Missing built-in macros " + resource);
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        sources.add(new TemplateSource("<built-in>/" + builtin, text));
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read built-in macros " + resource, e);
      }
    }
    List<ProjectFiles.Found> files =
        new ArrayList<>(ProjectFiles.find(project.root(), project.macroPaths(), List.of(".sql")));
    for (String testPath : project.testPaths()) {
      files.addAll(
          ProjectFiles.find(project.root(), List.of(testPath + "/generic"), List.of(".sql")));
    }
    for (ProjectFiles.Found file : files) {
      sources.add(new TemplateSource(file.originalFilePath(), ProjectFiles.read(file.file())));
    }
    for (TemplateSource source : sources) {
      Matcher matcher = MACRO_DEFINITION.matcher(source.text());
      while (matcher.find()) {
        boolean test = matcher.group(1).equals("test");
        String name = (test ? "test_" : "") + matcher.group(2);
        int end = source.text().indexOf(test ? "endtest" : "endmacro", matcher.end());
        int close = end < 0 ? -1 : source.text().indexOf("%}", end);
        String sql =
            close < 0
                ? source.text().substring(matcher.start())
                : source.text().substring(matcher.start(), close + 2);
        macroFiles.put(name, new MacroDefinition(name, source.path(), sql));
      }
    }
    return sources;
  }

  private Map<String, String> docsBlocks() {
    Map<String, String> blocks = new LinkedHashMap<>();
    for (ProjectFiles.Found file :
        ProjectFiles.find(project.root(), dedupe(project.docsPaths()), List.of(".md"))) {
      Map<String, String> found =
          DocsBlocks.parse(ProjectFiles.read(file.file()), file.originalFilePath());
      for (String name : found.keySet()) {
        if (blocks.containsKey(name)) {
          throw new ProjectException(
              "The docs block '%s' is defined twice (again in %s)"
                  .formatted(name, file.originalFilePath()));
        }
      }
      blocks.putAll(found);
    }
    return blocks;
  }

  private static List<String> dedupe(List<String> paths) {
    return paths.stream().distinct().toList();
  }

  private void parseModels() {
    ConfigTree tree = new ConfigTree(project.modelConfigs());
    for (ProjectFiles.Found file :
        ProjectFiles.find(project.root(), project.modelPaths(), List.of(".sql"))) {
      String name = file.baseName();
      String id = "model." + project.name() + "." + name;
      if (nodes.containsKey(id)) {
        throw new ProjectException(
            "Two models are named '%s': %s and %s. Model names must be unique."
                .formatted(name, nodes.get(id).originalFilePath(), file.originalFilePath()));
      }
      String raw = ProjectFiles.read(file.file());
      Node node = fileNode(ResourceType.MODEL, file, raw);
      node.checksum(TestNames.sha256(raw));
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("materialized", "view");
      config.putAll(tree.resolve(node.fqn()));
      treeConfigs.put(id, config);
      nodes.put(id, node);
      captureAtParse(node, NodeConfig.of(config));
    }
  }

  private void parseSeeds() {
    ConfigTree tree = new ConfigTree(project.seedConfigs());
    for (ProjectFiles.Found file :
        ProjectFiles.find(project.root(), project.seedPaths(), List.of(".csv"))) {
      String name = file.baseName();
      String id = "seed." + project.name() + "." + name;
      Node node = fileNode(ResourceType.SEED, file, "");
      node.checksum(TestNames.sha256(ProjectFiles.read(file.file())));
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("materialized", "seed");
      config.putAll(tree.resolve(node.fqn()));
      treeConfigs.put(id, config);
      nodes.put(id, node);
    }
  }

  private void parseSingularTests() {
    ConfigTree tree = new ConfigTree(project.testConfigs());
    for (String testPath : project.testPaths()) {
      for (ProjectFiles.Found file :
          ProjectFiles.find(project.root(), List.of(testPath), List.of(".sql"))) {
        if (file.relative().startsWith("generic/")) {
          continue;
        }
        String name = file.baseName();
        String id = "test." + project.name() + "." + name;
        String raw = ProjectFiles.read(file.file());
        Node node = fileNode(ResourceType.TEST, file, raw);
        node.checksum(TestNames.sha256(raw));
        Map<String, Object> config = testDefaults();
        config.putAll(tree.resolve(node.fqn()));
        treeConfigs.put(id, config);
        nodes.put(id, node);
        captureAtParse(node, NodeConfig.of(config));
      }
    }
  }

  /** A node read from a file: named after it, its fqn the project, its folders and its name. */
  private Node fileNode(ResourceType type, ProjectFiles.Found file, String raw) {
    String name = file.baseName();
    List<String> fqn = new ArrayList<>();
    fqn.add(project.name());
    fqn.addAll(file.directories());
    fqn.add(name);
    return new Node(
        type.label() + "." + project.name() + "." + name,
        type,
        name,
        project.name(),
        file.originalFilePath(),
        file.relative(),
        fqn,
        raw);
  }

  private static Map<String, Object> testDefaults() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("materialized", "test");
    config.put("severity", "ERROR");
    config.put("warn_if", "!= 0");
    config.put("error_if", "!= 0");
    config.put("fail_calc", "count(*)");
    config.put("store_failures", null);
    config.put("where", null);
    config.put("limit", null);
    return config;
  }

  /** Renders a node with execute=False to find its config(), ref() and source() calls. */
  private void captureAtParse(Node node, NodeConfig config) {
    RenderCapture capture = new RenderCapture();
    TemplateContext context =
        new TemplateContext(
            settings,
            engine,
            node,
            config,
            placeholder(node.name()),
            parseResolver(),
            null,
            capture,
            null);
    engine.render(
        new TemplateSource(node.originalFilePath(), node.rawCode()),
        context.bindings(),
        context.functions());
    capture.refs().forEach(node::addRef);
    capture.sources().forEach(node::addSource);
    fileConfigs.put(node.uniqueId(), capture.config());
  }

  private Relation placeholder(String name) {
    return Relation.of(settings.target().database(), settings.target().schema(), name);
  }

  private RelationResolver parseResolver() {
    return new RelationResolver() {
      @Override
      public Relation ref(List<String> ref, Object version) {
        return placeholder(ref.get(ref.size() - 1));
      }

      @Override
      public Relation source(String sourceName, String tableName) {
        return Relation.of(settings.target().database(), sourceName, tableName);
      }
    };
  }

  private void parsePropertyFiles() {
    List<String> dirs = new ArrayList<>(project.modelPaths());
    dirs.addAll(project.seedPaths());
    dirs.addAll(project.testPaths());
    for (ProjectFiles.Found file :
        ProjectFiles.find(project.root(), dedupe(dirs), List.of(".yml", ".yaml"))) {
      Map<String, Object> content = yaml.read(file.file(), "property file");
      String origin = file.originalFilePath();
      for (Object entry : Yaml.list(content.get("models"))) {
        patchNode(ResourceType.MODEL, Yaml.map(entry), origin);
      }
      for (Object entry : Yaml.list(content.get("seeds"))) {
        patchNode(ResourceType.SEED, Yaml.map(entry), origin);
      }
      for (Object entry : Yaml.list(content.get("sources"))) {
        parseSource(Yaml.map(entry), origin);
      }
    }
  }

  private void patchNode(ResourceType type, Map<String, Object> entry, String origin) {
    String name = Yaml.string(entry.get("name"), null);
    if (name == null) {
      throw new ProjectException(
          "%s: an entry under %ss lacks 'name'".formatted(origin, type.label()));
    }
    String id = type.label() + "." + project.name() + "." + name;
    Node node = nodes.get(id);
    if (node == null) {
      throw new ProjectException(
          "%s documents the %s '%s', which does not exist%s"
              .formatted(origin, type.label(), name, nearest(name, type)));
    }
    node.patchPath(origin);
    node.description(describe(entry.get("description"), origin));
    Map<String, Object> config = new LinkedHashMap<>(Yaml.map(entry.get("config")));
    propertyConfigs.put(id, config);
    String expression =
        type == ResourceType.SEED || type == ResourceType.MODEL
            ? "ref(" + JinjaLiterals.quote(name) + ")"
            : null;
    for (Object columnEntry : Yaml.list(entry.get("columns"))) {
      Map<String, Object> column = Yaml.map(columnEntry);
      String columnName = Yaml.string(column.get("name"), null);
      if (columnName == null) {
        throw new ProjectException("%s: a column of '%s' lacks 'name'".formatted(origin, name));
      }
      node.putColumn(
          new Column(
              columnName,
              describe(column.get("description"), origin),
              Yaml.string(column.get("data_type"), "")));
      String testedColumn =
          Boolean.TRUE.equals(column.get("quote")) ? Relation.quote(columnName) : columnName;
      for (Object test : tests(column)) {
        genericTests.add(spec(test, testedColumn, id, name, expression, false, origin));
      }
    }
    for (Object test : tests(entry)) {
      genericTests.add(spec(test, null, id, name, expression, false, origin));
    }
  }

  private static List<Object> tests(Map<String, Object> entry) {
    List<Object> tests = new ArrayList<>(Yaml.list(entry.get("tests")));
    tests.addAll(Yaml.list(entry.get("data_tests")));
    return tests;
  }

  private void parseSource(Map<String, Object> entry, String origin) {
    String sourceName = Yaml.string(entry.get("name"), null);
    if (sourceName == null) {
      throw new ProjectException("%s: a source lacks 'name'".formatted(origin));
    }
    String schema = Yaml.string(entry.get("schema"), sourceName);
    String database = Yaml.string(entry.get("database"), settings.target().database());
    String sourceDescription = describe(entry.get("description"), origin);
    List<String> sourceTags = Yaml.strings(entry.get("tags"));
    for (Object tableEntry : Yaml.list(entry.get("tables"))) {
      Map<String, Object> table = Yaml.map(tableEntry);
      String tableName = Yaml.string(table.get("name"), null);
      if (tableName == null) {
        throw new ProjectException(
            "%s: a table of source '%s' lacks 'name'".formatted(origin, sourceName));
      }
      String id = "source." + project.name() + "." + sourceName + "." + tableName;
      Map<String, Column> columns = new LinkedHashMap<>();
      String expression =
          "source(" + JinjaLiterals.quote(sourceName) + ", " + JinjaLiterals.quote(tableName) + ")";
      String targetName = sourceName + "_" + tableName;
      for (Object columnEntry : Yaml.list(table.get("columns"))) {
        Map<String, Object> column = Yaml.map(columnEntry);
        String columnName = Yaml.string(column.get("name"), "");
        columns.put(
            columnName,
            new Column(
                columnName,
                describe(column.get("description"), origin),
                Yaml.string(column.get("data_type"), "")));
        for (Object test : tests(column)) {
          genericTests.add(spec(test, columnName, id, targetName, expression, true, origin));
        }
      }
      for (Object test : tests(table)) {
        genericTests.add(spec(test, null, id, targetName, expression, true, origin));
      }
      List<String> tags = new ArrayList<>(sourceTags);
      Yaml.strings(table.get("tags"))
          .forEach(
              t -> {
                if (!tags.contains(t)) tags.add(t);
              });
      sources.put(
          id,
          new SourceTable(
              id,
              sourceName,
              tableName,
              database,
              schema,
              Yaml.string(table.get("identifier"), tableName),
              origin,
              describe(table.get("description"), origin),
              sourceDescription,
              columns,
              List.of(project.name(), sourceName, tableName),
              tags,
              Yaml.string(entry.get("loader"), "")));
    }
  }

  private GenericTestSpec spec(
      Object definition,
      String columnName,
      String targetId,
      String targetName,
      String targetExpression,
      boolean onSource,
      String origin) {
    String testName;
    Map<String, Object> arguments = new LinkedHashMap<>();
    if (definition instanceof String text) {
      testName = text;
    } else if (definition instanceof Map<?, ?> map && map.size() == 1) {
      Map.Entry<?, ?> only = map.entrySet().iterator().next();
      testName = String.valueOf(only.getKey());
      arguments.putAll(Yaml.map(only.getValue()));
    } else if (definition instanceof Map<?, ?> map && map.containsKey("test_name")) {
      Map<String, Object> all = Yaml.map(map);
      testName = String.valueOf(all.get("test_name"));
      arguments.putAll(all);
      arguments.remove("test_name");
    } else {
      throw new ProjectException(
          "%s: cannot read the test %s on %s; write a test as a name (not_null) or as"
                  .formatted(origin, definition, targetName)
              + " {name: {argument: value, config: {...}}}");
    }
    String customName =
        arguments.containsKey("name") ? String.valueOf(arguments.remove("name")) : null;
    Map<String, Object> config = new LinkedHashMap<>(Yaml.map(arguments.remove("config")));
    Map<String, Object> kwargs = new LinkedHashMap<>();
    if (arguments.get("arguments") instanceof Map<?, ?> explicit) {
      kwargs.putAll(Yaml.map(explicit));
      arguments.remove("arguments");
    }
    for (Map.Entry<String, Object> argument : arguments.entrySet()) {
      if (TEST_CONFIG_KEYS.contains(argument.getKey())) {
        config.put(argument.getKey(), argument.getValue());
      } else {
        kwargs.put(argument.getKey(), argument.getValue());
      }
    }
    return new GenericTestSpec(
        testName,
        customName,
        kwargs,
        config,
        columnName,
        targetId,
        targetName,
        targetExpression,
        onSource,
        origin);
  }

  private String describe(Object description, String origin) {
    if (description == null) {
      return "";
    }
    String text = description.toString();
    if (!text.contains("{{") && !text.contains("{%")) {
      return text;
    }
    JavaFunction doc =
        JavaFunction.of(
            "doc",
            List.of("name"),
            (args, kwargs, varargs) -> {
              String name = String.valueOf(args.get("name"));
              String block = docs.get(name);
              if (block == null) {
                throw new CompilerError(
                    "Documentation for '%s' not found: no {%% docs %s %%} block exists"
                        .formatted(name, name));
              }
              return block;
            });
    return engine.render(new TemplateSource(origin, text), Map.of(), List.of(doc));
  }

  private void applyConfigs() {
    for (Node node : nodes.values()) {
      NodeConfig config =
          NodeConfig.of(treeConfigs.getOrDefault(node.uniqueId(), Map.of()))
              .merge(propertyConfigs.getOrDefault(node.uniqueId(), Map.of()))
              .merge(fileConfigs.getOrDefault(node.uniqueId(), Map.of()));
      node.config(config);
    }
  }

  private List<Node> removeDisabled() {
    List<Node> disabled = new ArrayList<>();
    for (Node node : List.copyOf(nodes.values())) {
      if (!node.config().enabled()) {
        disabled.add(node);
        nodes.remove(node.uniqueId());
      }
    }
    return disabled;
  }

  private void createGenericTests() {
    ConfigTree tree = new ConfigTree(project.testConfigs());
    for (GenericTestSpec spec : genericTests) {
      if (!nodes.containsKey(spec.targetId()) && !sources.containsKey(spec.targetId())) {
        continue; // the tested node is disabled
      }
      String macroName = "test_" + spec.testName().substring(spec.testName().lastIndexOf('.') + 1);
      if (!engine.hasMacro(macroName)) {
        throw new ProjectException(
            "%s: the test '%s' on %s is not defined. Define it with {%% test %s(model, column_name) %%}"
                    .formatted(spec.file(), spec.testName(), spec.targetName(), spec.testName())
                + " in macros/ or tests/generic/ (packages such as dbt_utils are not supported).");
      }
      String name =
          spec.customName() != null
              ? spec.customName()
              : TestNames.name(
                  spec.testName().substring(spec.testName().lastIndexOf('.') + 1),
                  spec.onSource(),
                  spec.targetName(),
                  spec.columnName(),
                  spec.kwargs());
      String id =
          "test."
              + project.name()
              + "."
              + name
              + "."
              + TestNames.md5(name + spec.file() + spec.kwargs()).substring(0, 10);
      StringBuilder call =
          new StringBuilder("{{ ")
              .append(macroName)
              .append("(model=get_where_subquery(")
              .append(spec.targetExpression())
              .append(")");
      if (spec.columnName() != null) {
        call.append(", column_name=").append(JinjaLiterals.quote(spec.columnName()));
      }
      for (Map.Entry<String, Object> kwarg : spec.kwargs().entrySet()) {
        call.append(", ")
            .append(kwarg.getKey())
            .append("=")
            .append(JinjaLiterals.literal(kwarg.getValue()));
      }
      call.append(") }}");
      List<String> fqn = new ArrayList<>();
      fqn.add(project.name());
      List<String> dirs = new ArrayList<>(List.of(spec.file().split("/")));
      dirs.remove(0);
      dirs.remove(dirs.size() - 1);
      fqn.addAll(dirs);
      fqn.add(name);
      Node node =
          new Node(
              id,
              ResourceType.TEST,
              name,
              project.name(),
              spec.file(),
              name + ".sql",
              fqn,
              call.toString());
      node.checksum(TestNames.sha256(call.toString()));
      Map<String, Object> config = testDefaults();
      config.putAll(tree.resolve(fqn));
      NodeConfig merged = NodeConfig.of(config).merge(spec.config());
      if (!merged.enabled()) {
        continue;
      }
      node.config(merged);
      node.testMetadata(
          new TestMetadata(spec.testName(), spec.kwargs(), spec.columnName(), spec.targetId()));
      nodes.put(id, node);
      // dbt does not render a generic test to find its dependencies: they are the tested node
      // and the ref()/source() calls written in its arguments.
      RelationCalls.in(spec.targetExpression()).forEach(found -> addCall(node, found));
      for (Object value : spec.kwargs().values()) {
        RelationCalls.in(String.valueOf(value)).forEach(found -> addCall(node, found));
      }
    }
  }

  private static void addCall(Node node, RelationCalls.Call call) {
    if (call.isSource()) {
      node.addSource(call.arguments());
    } else {
      node.addRef(call.arguments());
    }
  }

  private void resolveDependencies() {
    for (Node node : nodes.values()) {
      for (List<String> ref : node.refs()) {
        node.addDependency(resolveRef(node, ref).uniqueId());
      }
      for (List<String> source : node.sources()) {
        String id = "source." + project.name() + "." + source.get(0) + "." + source.get(1);
        if (!sources.containsKey(id)) {
          throw new CompilerError(
              "%s '%s' (%s) depends on a source named '%s.%s' which was not found%s"
                  .formatted(
                      node.type().label(),
                      node.name(),
                      node.originalFilePath(),
                      source.get(0),
                      source.get(1),
                      nearestSource(source.get(0) + "." + source.get(1))));
        }
        node.addDependency(id);
      }
    }
  }

  /** The node a {@code ref()} names: a model, else a seed, of this project. */
  Node resolveRef(Node from, List<String> ref) {
    String name = ref.get(ref.size() - 1);
    if (ref.size() == 2 && !ref.get(0).equals(project.name())) {
      throw new CompilerError(
          "%s '%s' (%s) refers to ref('%s', '%s'), but package '%s' is not part of this project"
              .formatted(
                  from.type().label(),
                  from.name(),
                  from.originalFilePath(),
                  ref.get(0),
                  name,
                  ref.get(0)));
    }
    for (ResourceType type : List.of(ResourceType.MODEL, ResourceType.SEED)) {
      Node target = nodes.get(type.label() + "." + project.name() + "." + name);
      if (target != null) {
        return target;
      }
    }
    throw new CompilerError(
        "%s '%s' (%s) depends on a node named '%s' which was not found%s"
            .formatted(
                from.type().label(),
                from.name(),
                from.originalFilePath(),
                name,
                nearest(name, null)));
  }

  private String nearest(String name, ResourceType type) {
    List<String> names =
        nodes.values().stream()
            .filter(n -> n.type() != ResourceType.TEST && (type == null || n.type() == type))
            .map(Node::name)
            .toList();
    return suggestions(name, names);
  }

  private String nearestSource(String name) {
    return suggestions(
        name, sources.values().stream().map(s -> s.sourceName() + "." + s.name()).toList());
  }

  static String suggestions(String name, List<String> candidates) {
    List<String> close =
        candidates.stream()
            .distinct()
            .sorted(
                Comparator.comparingInt((String c) -> Levenshtein.distance(name, c))
                    .thenComparing(c -> c))
            .limit(3)
            .collect(Collectors.toList());
    return close.isEmpty() ? "" : ". Nearest existing names: " + String.join(", ", close);
  }

  private void nameRelations() {
    for (Node node : nodes.values()) {
      NodeConfig config = node.config();
      String customSchema = config.schema();
      if (node.type() == ResourceType.TEST && customSchema == null) {
        customSchema = "dbt_test__audit";
      }
      Map<String, Object> nodeValue = new LinkedHashMap<>();
      nodeValue.put("name", node.name());
      nodeValue.put("unique_id", node.uniqueId());
      nodeValue.put("resource_type", node.type().label());
      nodeValue.put("fqn", node.fqn());
      nodeValue.put("path", node.path());
      nodeValue.put("original_file_path", node.originalFilePath());
      nodeValue.put("config", config.values());
      nodeValue.put("tags", config.tags());
      nodeValue.put("package_name", node.packageName());
      Map<String, Object> bindings = new LinkedHashMap<>();
      bindings.put("target", settings.target().asTemplateValue());
      bindings.put("__node", nodeValue);
      bindings.put("__schema", customSchema);
      bindings.put("__alias", config.string("alias", null));
      bindings.put("__database", config.string("database", null));
      String schema =
          builtIn("generate_schema_name")
              ? defaultSchema(customSchema)
              : renderName("{{ generate_schema_name(__schema, __node) }}", bindings, node);
      String alias =
          builtIn("generate_alias_name")
              ? Optional.ofNullable(config.string("alias", null))
                  .map(String::strip)
                  .filter(a -> !a.isEmpty())
                  .orElse(node.name())
              : renderName("{{ generate_alias_name(__alias, __node) }}", bindings, node);
      String database =
          builtIn("generate_database_name")
              ? Optional.ofNullable(config.string("database", null))
                  .map(String::strip)
                  .filter(d -> !d.isEmpty())
                  .orElse(settings.target().database())
              : renderName("{{ generate_database_name(__database, __node) }}", bindings, node);
      node.relation(database, schema, alias);
    }
  }

  /**
   * Whether the naming macro is the engine's own (not overridden by the project): then the name is
   * computed directly, with the same result as rendering the built-in macro, which saves three
   * renders per node on large projects.
   */
  private boolean builtIn(String macro) {
    MacroDefinition definition = macroFiles.get(macro);
    return definition != null && definition.path().startsWith("<built-in>");
  }

  private String defaultSchema(String customSchema) {
    if (customSchema == null || customSchema.isEmpty()) {
      return settings.target().schema();
    }
    return settings.target().schema() + "_" + customSchema.strip();
  }

  private String renderName(String template, Map<String, Object> bindings, Node node) {
    RenderCapture capture = new RenderCapture();
    TemplateContext context =
        new TemplateContext(
            settings, engine, node, node.config(), null, parseResolver(), null, capture, null);
    Map<String, Object> all = new LinkedHashMap<>(context.bindings());
    all.putAll(bindings);
    String name =
        engine
            .render(new TemplateSource(node.originalFilePath(), template), all, context.functions())
            .strip();
    if (name.isEmpty()) {
      throw new CompilerError(
          "Naming %s produced an empty name: check the project's generate_*_name macros"
              .formatted(node.uniqueId()));
    }
    return name;
  }
}
