package dev.taxiplatform.orchestrator.pipeline;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.taxiplatform.core.config.ValueType;
import dev.taxiplatform.core.config.ValueTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads pipeline files ({@code *.yaml}) and validates them completely: unknown keys, bad values,
 * unknown task types or platform commands, missing dependencies and cycles are errors at load time,
 * each naming the file, the task and the key.
 */
public final class PipelineLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** Six fields, seconds first: schedules shorter than a minute (continuous processing). */
  private static final CronParser CRON_WITH_SECONDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

  private static final ValueType<Duration> DURATION = ValueTypes.duration("s");
  private static final Set<String> PIPELINE_KEYS =
      Set.of(
          "pipeline",
          "description",
          "schedule",
          "catchup",
          "paused",
          "max_active_runs",
          "defaults",
          "tasks");
  private static final Set<String> DEFAULT_KEYS =
      Set.of("retries", "retry_delay", "max_retry_delay", "timeout", "trigger_rule");
  private static final List<String> TYPE_KEYS = List.of("platform", "command", "streaming", "wait");
  private static final Set<String> TASK_KEYS =
      union(DEFAULT_KEYS, Set.of("depends_on", "rate"), TYPE_KEYS);

  private final Set<String> platformCommands;

  /**
   * @param platformCommands the platform commands tasks may run (those of the built components)
   */
  public PipelineLoader(Set<String> platformCommands) {
    this.platformCommands = Set.copyOf(platformCommands);
  }

  /** Every pipeline in {@code directory}, by name. */
  public Map<String, PipelineDefinition> loadDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new PipelineException(
          "The pipelines directory %s does not exist; set orchestrator.pipelines-dir."
              .formatted(directory));
    }
    Map<String, PipelineDefinition> pipelines = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(PipelineLoader::isYaml).sorted().toList()) {
        PipelineDefinition pipeline = load(file);
        PipelineDefinition previous = pipelines.put(pipeline.name(), pipeline);
        if (previous != null) {
          throw new PipelineException(
              "%s: pipeline \"%s\" is already declared in %s"
                  .formatted(file, pipeline.name(), previous.source()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pipelines;
  }

  /** One pipeline file. */
  public PipelineDefinition load(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new PipelineException(
          "%s: not valid YAML: %s%s"
              .formatted(
                  file,
                  e.getOriginalMessage().lines().findFirst().orElse(""),
                  e.getLocation() == null
                      ? ""
                      : " (line %d)".formatted(e.getLocation().getLineNr())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FileReader(file).read(root);
  }

  private static boolean isYaml(Path path) {
    String name = path.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  @SafeVarargs
  private static Set<String> union(java.util.Collection<String>... sets) {
    Set<String> all = new HashSet<>();
    for (java.util.Collection<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }

  /** Reads one file; knows the file for error messages. */
  private final class FileReader {
    private final Path file;

    FileReader(Path file) {
      this.file = file;
    }

    PipelineDefinition read(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw error("", "", "the file must be a map with at least `pipeline:` and `tasks:`");
      }
      checkKeys(root, PIPELINE_KEYS, "", "");
      String name = requiredText(root, "pipeline", "");
      if (!name.matches("[A-Za-z0-9_.-]+")) {
        throw error(
            "", "pipeline", "\"%s\" is not a valid name (letters, digits, _ . -)".formatted(name));
      }
      String description = optionalText(root, "description", "").orElse("");
      String scheduleExpression = optionalText(root, "schedule", "").orElse("");
      Optional<Cron> schedule =
          scheduleExpression.isEmpty() ? Optional.empty() : Optional.of(cron(scheduleExpression));
      boolean catchup = root.has("catchup") && bool(root.get("catchup"), "", "catchup");
      boolean paused = root.has("paused") && bool(root.get("paused"), "", "paused");
      int maxActiveRuns =
          root.has("max_active_runs")
              ? integer(root.get("max_active_runs"), "", "max_active_runs", 1)
              : 1;
      Defaults defaults = defaults(root.get("defaults"));
      JsonNode tasksNode = root.get("tasks");
      if (tasksNode == null || !tasksNode.isObject() || tasksNode.isEmpty()) {
        throw error(
            "", "tasks", "a pipeline needs a map of tasks, e.g. `tasks: {load: {platform: load}}`");
      }
      List<TaskDefinition> tasks = new ArrayList<>();
      for (Map.Entry<String, JsonNode> entry : tasksNode.properties()) {
        tasks.add(task(entry.getKey(), entry.getValue(), defaults));
      }
      PipelineGraph graph;
      try {
        graph = PipelineGraph.of(tasks);
      } catch (PipelineGraph.GraphException e) {
        throw new PipelineException("%s: %s".formatted(file, e.getMessage()));
      }
      return new PipelineDefinition(
          name,
          description,
          file,
          schedule,
          scheduleExpression,
          catchup,
          paused,
          maxActiveRuns,
          graph);
    }

    private Defaults defaults(JsonNode node) {
      Defaults builtIn =
          new Defaults(
              0,
              Duration.ofSeconds(30),
              Duration.ofMinutes(10),
              Duration.ofHours(1),
              TriggerRule.ALL_SUCCESS);
      if (node == null || node.isNull()) {
        return builtIn;
      }
      if (!node.isObject()) {
        throw error("", "defaults", "must be a map of task settings");
      }
      checkKeys(node, DEFAULT_KEYS, "", "defaults.");
      return settings(node, builtIn, "", "defaults.");
    }

    private Defaults settings(JsonNode node, Defaults base, String task, String prefix) {
      return new Defaults(
          node.has("retries")
              ? integer(node.get("retries"), task, prefix + "retries", 0)
              : base.retries(),
          node.has("retry_delay")
              ? duration(node.get("retry_delay"), task, prefix + "retry_delay")
              : base.retryDelay(),
          node.has("max_retry_delay")
              ? duration(node.get("max_retry_delay"), task, prefix + "max_retry_delay")
              : base.maxRetryDelay(),
          node.has("timeout")
              ? duration(node.get("timeout"), task, prefix + "timeout")
              : base.timeout(),
          node.has("trigger_rule")
              ? triggerRule(node.get("trigger_rule"), task, prefix + "trigger_rule")
              : base.triggerRule());
    }

    private TaskDefinition task(String id, JsonNode node, Defaults defaults) {
      if (!id.matches("[A-Za-z0-9_.-]+")) {
        throw error(id, "", "\"%s\" is not a valid task id (letters, digits, _ . -)".formatted(id));
      }
      if (node == null || !node.isObject()) {
        throw error(id, "", "a task is a map, e.g. `%s: {platform: batch}`".formatted(id));
      }
      checkKeys(node, TASK_KEYS, id, "");
      List<String> types = TYPE_KEYS.stream().filter(node::has).toList();
      if (types.size() != 1) {
        throw error(
            id,
            "",
            (types.isEmpty()
                    ? "has no type"
                    : "has several types (%s)".formatted(String.join(", ", types)))
                + "; give exactly one of "
                + String.join(", ", TYPE_KEYS));
      }
      if (node.has("rate") && !types.get(0).equals("streaming")) {
        throw error(id, "rate", "only a streaming task has a rate");
      }
      TaskSpec spec = spec(id, types.get(0), node);
      Defaults settings = settings(node, defaults, id, "");
      if (settings.maxRetryDelay().compareTo(settings.retryDelay()) < 0) {
        throw error(id, "max_retry_delay", "is shorter than retry_delay");
      }
      return new TaskDefinition(
          id,
          spec,
          dependsOn(node.get("depends_on"), id),
          settings.retries(),
          settings.retryDelay(),
          settings.maxRetryDelay(),
          settings.timeout(),
          settings.triggerRule());
    }

    private TaskSpec spec(String id, String type, JsonNode node) {
      JsonNode value = node.get(type);
      return switch (type) {
        case "platform" -> platform(id, words(value, id, "platform"));
        case "command" -> {
          List<String> argv = words(value, id, "command");
          yield new TaskSpec.Command(argv);
        }
        case "streaming" -> streaming(id, node);
        case "wait" -> wait(id, value);
        default -> throw new IllegalStateException(type);
      };
    }

    private TaskSpec platform(String id, List<String> words) {
      String command = words.get(0);
      if (!platformCommands.isEmpty() && !platformCommands.contains(command)) {
        throw error(
            id,
            "platform",
            "unknown platform command \"%s\"; the built components offer: %s"
                .formatted(
                    command, String.join(", ", platformCommands.stream().sorted().toList())));
      }
      return new TaskSpec.Platform(command, words.subList(1, words.size()));
    }

    private TaskSpec streaming(String id, JsonNode node) {
      String action = text(node.get("streaming"), id, "streaming");
      Optional<Integer> rate =
          node.has("rate")
              ? Optional.of(integer(node.get("rate"), id, "rate", 1))
              : Optional.empty();
      return switch (action) {
        case "start" -> new TaskSpec.Streaming(TaskSpec.Streaming.Action.START, rate);
        case "stop" -> {
          if (rate.isPresent()) {
            throw error(id, "rate", "only `streaming: start` takes a rate");
          }
          yield new TaskSpec.Streaming(TaskSpec.Streaming.Action.STOP, Optional.empty());
        }
        default ->
            throw error(id, "streaming", "is \"%s\"; expected start or stop".formatted(action));
      };
    }

    private TaskSpec wait(String id, JsonNode value) {
      if (value.isObject()) {
        checkKeys(value, Set.of("duration", "new_raw_objects"), id, "wait.");
        if (!value.has("duration")) {
          throw error(id, "wait.duration", "is required (with a condition, the longest wait)");
        }
        Optional<Integer> objects =
            value.has("new_raw_objects")
                ? Optional.of(integer(value.get("new_raw_objects"), id, "wait.new_raw_objects", 1))
                : Optional.empty();
        return new TaskSpec.Wait(duration(value.get("duration"), id, "wait.duration"), objects);
      }
      return new TaskSpec.Wait(duration(value, id, "wait"), Optional.empty());
    }

    private List<String> dependsOn(JsonNode node, String id) {
      if (node == null || node.isNull()) {
        return List.of();
      }
      if (node.isTextual()) {
        return List.of(node.asText());
      }
      if (node.isArray()) {
        List<String> ids = new ArrayList<>();
        node.forEach(n -> ids.add(text(n, id, "depends_on")));
        return ids;
      }
      throw error(id, "depends_on", "must be a task id or a list of task ids");
    }

    private List<String> words(JsonNode node, String task, String key) {
      List<String> words = new ArrayList<>();
      if (node != null && node.isTextual()) {
        words.addAll(
            Arrays.stream(node.asText().trim().split("\\s+")).filter(w -> !w.isEmpty()).toList());
      } else if (node != null && node.isArray()) {
        node.forEach(n -> words.add(text(n, task, key)));
      }
      if (words.isEmpty()) {
        throw error(task, key, "must be a non-empty command line (text, or a list of arguments)");
      }
      return words;
    }

    private Cron cron(String expression) {
      try {
        CronParser parser = expression.trim().split("\\s+").length == 6 ? CRON_WITH_SECONDS : CRON;
        return parser.parse(expression).validate();
      } catch (IllegalArgumentException e) {
        throw error(
            "",
            "schedule",
            ("\"%s\" is not a cron expression (minute hour day month weekday, e.g. \"*/5 * * * *\";"
                    + " or seconds first, e.g. \"*/20 * * * * *\"): %s")
                .formatted(expression, e.getMessage()));
      }
    }

    private TriggerRule triggerRule(JsonNode node, String task, String key) {
      String value = text(node, task, key);
      return TriggerRule.fromKey(value)
          .orElseThrow(
              () ->
                  error(
                      task,
                      key,
                      "is \"%s\"; expected one of %s".formatted(value, TriggerRule.allowed())));
    }

    private Duration duration(JsonNode node, String task, String key) {
      String value = node.asText();
      try {
        return DURATION.parse(value);
      } catch (IllegalArgumentException e) {
        throw error(task, key, "is \"%s\"; expected %s".formatted(value, DURATION.allowed()));
      }
    }

    private int integer(JsonNode node, String task, String key, int min) {
      if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min) {
        throw error(
            task,
            key,
            "is \"%s\"; expected an integer of at least %d".formatted(node.asText(), min));
      }
      return node.asInt();
    }

    private boolean bool(JsonNode node, String task, String key) {
      if (!node.isBoolean()) {
        throw error(task, key, "is \"%s\"; expected true or false".formatted(node.asText()));
      }
      return node.asBoolean();
    }

    private String requiredText(JsonNode node, String key, String task) {
      return optionalText(node, key, task).orElseThrow(() -> error(task, key, "is required"));
    }

    private Optional<String> optionalText(JsonNode node, String key, String task) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      return Optional.of(text(value, task, key));
    }

    private String text(JsonNode node, String task, String key) {
      if (node == null || !node.isValueNode() || node.asText().isBlank()) {
        throw error(task, key, "must be a non-empty text");
      }
      return node.asText().trim();
    }

    private void checkKeys(JsonNode node, Set<String> allowed, String task, String prefix) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!allowed.contains(field.getKey())) {
          String suggestion =
              allowed.stream()
                  .filter(k -> similar(k, field.getKey()))
                  .findFirst()
                  .map(k -> " (did you mean \"%s\"?)".formatted(prefix + k))
                  .orElse("");
          throw error(
              task,
              prefix + field.getKey(),
              "is not a known key%s; known keys: %s"
                  .formatted(suggestion, String.join(", ", allowed.stream().sorted().toList())));
        }
      }
    }

    private PipelineException error(String task, String key, String problem) {
      StringBuilder message = new StringBuilder(file.toString()).append(": ");
      if (!task.isEmpty()) {
        message.append("task \"").append(task).append("\": ");
      }
      if (!key.isEmpty()) {
        message.append(key).append(' ');
      }
      return new PipelineException(message.append(problem).toString());
    }
  }

  private static boolean similar(String a, String b) {
    return a.replace("_", "").equalsIgnoreCase(b.replace("_", "").replace("-", ""))
        || (Math.abs(a.length() - b.length()) <= 2
            && (a.startsWith(b.substring(0, Math.min(3, b.length())))));
  }

  private record Defaults(
      int retries,
      Duration retryDelay,
      Duration maxRetryDelay,
      Duration timeout,
      TriggerRule triggerRule) {}
}
