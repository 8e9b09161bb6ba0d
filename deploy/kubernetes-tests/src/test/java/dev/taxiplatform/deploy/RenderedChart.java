package dev.taxiplatform.deploy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The objects one render of the chart produced.
 *
 * @param profile the value profile rendered
 * @param objects every object, as parsed from the YAML
 */
record RenderedChart(Profile profile, List<KubeObject> objects) {
  RenderedChart {
    requireNonNull(profile, "profile");
    objects = List.copyOf(objects);
  }

  static RenderedChart of(Profile profile, List<Map<String, Object>> documents) {
    return new RenderedChart(profile, documents.stream().map(KubeObject::new).toList());
  }

  List<KubeObject> ofKind(String kind) {
    return objects.stream().filter(o -> o.kind().equals(kind)).toList();
  }

  Optional<KubeObject> find(String kind, String namespace, String name) {
    return objects.stream()
        .filter(o -> o.kind().equals(kind) && o.name().equals(name))
        .filter(o -> o.namespace().equals(namespace))
        .findFirst();
  }

  KubeObject get(String kind, String namespace, String name) {
    return find(kind, namespace, name)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no %s %s/%s in the %s render".formatted(kind, namespace, name, profile)));
  }

  /** Workloads: objects carrying a pod template (Deployment, StatefulSet, Job). */
  List<KubeObject> workloads() {
    return objects.stream().filter(o -> o.podSpec().isPresent()).toList();
  }
}
