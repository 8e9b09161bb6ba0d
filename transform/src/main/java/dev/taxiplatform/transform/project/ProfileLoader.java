package dev.taxiplatform.transform.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds and reads {@code profiles.yml}: from {@code --profiles-dir}, else {@code DBT_PROFILES_DIR},
 * else the project directory, else {@code ~/.dbt}. Values are rendered ({@code env_var()}).
 */
public final class ProfileLoader {
  private final YamlReader yaml = new YamlReader();
  private final Map<String, String> environment;

  public ProfileLoader(Map<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Where {@code profiles.yml} is looked for, in order. */
  public List<Path> candidates(Optional<Path> profilesDir, Path projectDir) {
    List<Path> candidates = new ArrayList<>();
    profilesDir.ifPresent(candidates::add);
    Optional.ofNullable(environment.get("DBT_PROFILES_DIR"))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(candidates::add);
    candidates.add(projectDir);
    Optional.ofNullable(System.getProperty("user.home"))
        .map(home -> Path.of(home, ".dbt"))
        .ifPresent(candidates::add);
    return candidates;
  }

  /** Loads the profile's target ({@code targetName}, or the profile's default target). */
  public Target load(
      Optional<Path> profilesDir,
      Path projectDir,
      String profileName,
      Optional<String> targetName,
      Map<String, Object> vars) {
    List<Path> candidates =
        profilesDir.isPresent() ? List.of(profilesDir.get()) : candidates(profilesDir, projectDir);
    Path file =
        candidates.stream()
            .map(dir -> dir.resolve("profiles.yml"))
            .filter(Files::isRegularFile)
            .findFirst()
            .orElseThrow(
                () ->
                    new ProjectException(
                        "No profiles.yml found (looked in %s). Pass --profiles-dir or set DBT_PROFILES_DIR."
                            .formatted(candidates)));
    ValueRenderer renderer = new ValueRenderer(environment, vars);
    Map<String, Object> profiles = yaml.read(file, "profiles file");
    Object profile = profiles.get(profileName);
    if (!(profile instanceof Map<?, ?>)) {
      throw new ProjectException(
          "Profile '%s' not found in %s (it has: %s). The project's dbt_project.yml names it under profile:."
              .formatted(profileName, file, profiles.keySet()));
    }
    Map<String, Object> profileMap = Yaml.map(profile);
    String target =
        targetName.orElse(
            Yaml.string(renderer.render(profileMap.get("target"), file.toString()), "default"));
    Map<String, Object> outputs = Yaml.map(profileMap.get("outputs"));
    if (!(outputs.get(target) instanceof Map<?, ?>)) {
      throw new ProjectException(
          "Target '%s' not found in profile '%s' of %s (it has: %s)"
              .formatted(target, profileName, file, outputs.keySet()));
    }
    Map<String, Object> output = Yaml.map(renderer.render(outputs.get(target), file.toString()));
    String type = Yaml.string(output.get("type"), "");
    if (!type.equals("postgres")) {
      throw new ProjectException(
          "Target '%s' of profile '%s' has type '%s': this engine supports type: postgres only"
              .formatted(target, profileName, type));
    }
    return new Target(
        profileName,
        target,
        required(output, "host", file),
        integer(output, "port", 5432, file),
        required(output, "user", file),
        Yaml.string(output.getOrDefault("password", output.get("pass")), ""),
        database(output, file),
        required(output, "schema", file),
        integer(output, "threads", 1, file),
        integer(output, "connect_timeout", 10, file));
  }

  private static String database(Map<String, Object> output, Path file) {
    Object value = output.containsKey("dbname") ? output.get("dbname") : output.get("database");
    if (value == null || value.toString().isBlank()) {
      throw new ProjectException("%s: the target lacks 'dbname'".formatted(file));
    }
    return value.toString();
  }

  private static String required(Map<String, Object> output, String key, Path file) {
    Object value = output.get(key);
    if (value == null || value.toString().isBlank()) {
      throw new ProjectException("%s: the target lacks '%s'".formatted(file, key));
    }
    return value.toString();
  }

  private static int integer(Map<String, Object> output, String key, int fallback, Path file) {
    Object value = output.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ProjectException(
          "%s: '%s' must be a whole number, not '%s'".formatted(file, key, value), e);
    }
  }
}
