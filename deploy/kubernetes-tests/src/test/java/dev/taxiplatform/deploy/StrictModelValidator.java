package dev.taxiplatform.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes an object into its Java model (fabric8's for Kubernetes and Prometheus operator kinds,
 * Strimzi's for Strimzi kinds): a wrong type fails the decoding, and a field the model does not
 * know lands in an {@code additionalProperties} map, which this walks the decoded object for.
 */
final class StrictModelValidator {
  /**
   * Strimzi's model classes, loaded by name: their annotations refer to Strimzi's unpublished CRD
   * generator, which the compiler would warn about.
   */
  private static final Map<String, String> STRIMZI =
      Map.of(
          "Kafka", "io.strimzi.api.kafka.model.kafka.Kafka",
          "KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool",
          "KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic");

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  /** True when a Java model covers the object's kind. */
  boolean covers(KubeObject object) {
    return modelClass(object).isPresent();
  }

  /** The problems found: empty when the object decodes strictly. */
  List<String> problems(KubeObject object) {
    Class<? extends KubernetesResource> type =
        modelClass(object)
            .orElseThrow(() -> new IllegalArgumentException("no Java model for " + object.id()));
    Object decoded;
    try {
      decoded = serialization.unmarshal(ChartRenderer.toJson(object.tree()), type);
    } catch (RuntimeException e) {
      return List.of(object.id() + ": " + rootMessage(e));
    }
    List<String> problems = new ArrayList<>();
    walk(
        decoded,
        object.id(),
        problems,
        java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    return problems;
  }

  private Optional<Class<? extends KubernetesResource>> modelClass(KubeObject object) {
    if (STRIMZI.containsKey(object.kind()) && object.apiVersion().startsWith("kafka.strimzi.io/")) {
      try {
        return Optional.of(Class.forName(STRIMZI.get(object.kind())).asSubclass(HasMetadata.class));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("Strimzi's model is not on the class path", e);
      }
    }
    Object decoded =
        serialization.unmarshal(
            ChartRenderer.toJson(Map.of("apiVersion", object.apiVersion(), "kind", object.kind())));
    if (decoded instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource
        || decoded == null) {
      return Optional.empty();
    }
    return Optional.of(((KubernetesResource) decoded).getClass());
  }

  private static void walk(Object value, String path, List<String> problems, Set<Object> seen) {
    if (value == null || !seen.add(value)) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, problems, seen));
      return;
    }
    if (value instanceof Collection<?> collection) {
      int i = 0;
      for (Object element : collection) {
        walk(element, path + "[" + i++ + "]", problems, seen);
      }
      return;
    }
    String packageName = value.getClass().getPackageName();
    if (!packageName.startsWith("io.fabric8.kubernetes.api.model")
        && !packageName.startsWith("io.fabric8.openshift.api.model.monitoring")
        && !packageName.startsWith("io.strimzi.api")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object property;
      try {
        property = getter.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (property instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
          problems.add("%s: unknown field(s) %s".formatted(path, unknown.keySet()));
        }
        continue;
      }
      walk(property, path + "." + propertyName(getter), problems, seen);
    }
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().substring(3);
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
