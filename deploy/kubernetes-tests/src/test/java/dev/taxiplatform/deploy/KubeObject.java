package dev.taxiplatform.deploy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One rendered Kubernetes object, as a JSON-like tree with typed accessors to what tests read. */
record KubeObject(Map<String, Object> tree) {
  KubeObject {
    requireNonNull(tree, "tree");
  }

  String apiVersion() {
    return (String) tree.get("apiVersion");
  }

  String kind() {
    return (String) tree.get("kind");
  }

  String name() {
    return (String) metadata().get("name");
  }

  String namespace() {
    return (String) metadata().getOrDefault("namespace", "");
  }

  Map<String, Object> metadata() {
    return map(tree.get("metadata"));
  }

  Map<String, Object> spec() {
    return map(tree.getOrDefault("spec", Map.of()));
  }

  /** The pod spec of a workload's template. */
  Optional<Map<String, Object>> podSpec() {
    Object template = spec().get("template");
    if (template == null || kind().equals("Ingress")) {
      return Optional.empty();
    }
    return Optional.of(map(map(template).get("spec")));
  }

  /** The labels of a workload's pods. */
  Map<String, Object> podLabels() {
    return map(map(map(spec().get("template")).get("metadata")).get("labels"));
  }

  List<Map<String, Object>> containers() {
    return podSpec().map(pod -> listOfMaps(pod.get("containers"))).orElse(List.of());
  }

  /** "Kind namespace/name", for messages. */
  String id() {
    return "%s %s/%s".formatted(kind(), namespace(), name());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> listOfMaps(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }
}
