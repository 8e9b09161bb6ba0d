package dev.taxiplatform.deploy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  /**
   * Pod templates the chart hands to Spark in ConfigMaps (Spark creates its executor pods from
   * them), each as a workload whose pod template is the file's Pod: "PodTemplateFile
   * namespace/configmap:key".
   */
  List<KubeObject> podTemplateFiles() {
    List<KubeObject> templates = new ArrayList<>();
    for (KubeObject configMap : ofKind("ConfigMap")) {
      for (Map.Entry<String, Object> entry :
          KubeObject.map(configMap.tree().get("data")).entrySet()) {
        if (!entry.getKey().endsWith(".yaml")) {
          continue;
        }
        List<Map<String, Object>> documents = ChartRenderer.parse(String.valueOf(entry.getValue()));
        if (documents.size() != 1 || !"Pod".equals(documents.get(0).get("kind"))) {
          continue;
        }
        Map<String, Object> pod = documents.get(0);
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", pod.getOrDefault("metadata", Map.of()));
        template.put("spec", pod.get("spec"));
        templates.add(
            new KubeObject(
                Map.of(
                    "apiVersion",
                    "v1",
                    "kind",
                    "PodTemplateFile",
                    "metadata",
                    Map.of(
                        "name",
                        configMap.name() + ":" + entry.getKey(),
                        "namespace",
                        configMap.namespace()),
                    "spec",
                    Map.of("template", template))));
      }
    }
    return templates;
  }

  /** Workloads: objects carrying a pod template (Deployment, StatefulSet, Job). */
  List<KubeObject> workloads() {
    return objects.stream().filter(o -> o.podSpec().isPresent()).toList();
  }
}
