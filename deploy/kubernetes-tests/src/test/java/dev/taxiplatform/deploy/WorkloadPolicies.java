package dev.taxiplatform.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The production hygiene every workload meets: requests and limits, probes on long-running
 * containers, the restricted Pod Security profile, a pinned image.
 */
final class WorkloadPolicies {
  private static final Set<String> LONG_RUNNING = Set.of("Deployment", "StatefulSet");

  /** What the workload breaks: empty when it meets every policy. */
  List<String> violations(KubeObject workload) {
    List<String> violations = new ArrayList<>();
    Map<String, Object> pod = workload.podSpec().orElseThrow();
    Map<String, Object> podSecurity = KubeObject.map(pod.get("securityContext"));
    require(
        violations,
        workload,
        Boolean.TRUE.equals(podSecurity.get("runAsNonRoot")),
        "pod runAsNonRoot");
    require(
        violations,
        workload,
        "RuntimeDefault".equals(KubeObject.map(podSecurity.get("seccompProfile")).get("type")),
        "pod seccompProfile RuntimeDefault");
    for (Map<String, Object> container : KubeObject.listOfMaps(pod.get("containers"))) {
      String name = "container " + container.get("name") + ": ";
      Map<String, Object> resources = KubeObject.map(container.get("resources"));
      Map<String, Object> requests = KubeObject.map(resources.get("requests"));
      Map<String, Object> limits = KubeObject.map(resources.get("limits"));
      require(
          violations,
          workload,
          requests.containsKey("cpu") && requests.containsKey("memory"),
          name + "cpu and memory requests");
      require(violations, workload, limits.containsKey("memory"), name + "a memory limit");
      Map<String, Object> security = KubeObject.map(container.get("securityContext"));
      require(
          violations,
          workload,
          Boolean.FALSE.equals(security.get("allowPrivilegeEscalation")),
          name + "allowPrivilegeEscalation false");
      require(
          violations,
          workload,
          Boolean.TRUE.equals(security.get("readOnlyRootFilesystem")),
          name + "readOnlyRootFilesystem");
      Object drop = KubeObject.map(security.get("capabilities")).get("drop");
      require(
          violations,
          workload,
          drop instanceof List<?> list && list.contains("ALL"),
          name + "all capabilities dropped");
      String image = String.valueOf(container.get("image"));
      boolean pinned =
          image.contains("@sha256:")
              || (image.lastIndexOf(':') > image.lastIndexOf('/') && !image.endsWith(":latest"));
      require(violations, workload, pinned, name + "a pinned image, not " + image);
      if (LONG_RUNNING.contains(workload.kind())) {
        require(
            violations,
            workload,
            container.containsKey("livenessProbe"),
            name + "a liveness probe");
        require(
            violations,
            workload,
            container.containsKey("readinessProbe"),
            name + "a readiness probe");
      }
    }
    return violations;
  }

  private static void require(
      List<String> violations, KubeObject workload, boolean met, String what) {
    if (!met) {
      violations.add(workload.id() + " lacks " + what);
    }
  }
}
