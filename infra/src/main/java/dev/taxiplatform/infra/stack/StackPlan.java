package dev.taxiplatform.infra.stack;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a stack runs, in start order.
 *
 * @param endpoints where its servers are
 * @param infrastructure Kafka, S3 and PostgreSQL (embedded or external)
 * @param components the platform's long-running components
 * @param notes things the user should know (ports that fell back, external servers)
 */
record StackPlan(
    StackEndpoints endpoints,
    List<ManagedService> infrastructure,
    List<ManagedService> components,
    List<String> notes) {
  StackPlan {
    requireNonNull(endpoints, "endpoints");
    infrastructure = List.copyOf(infrastructure);
    components = List.copyOf(components);
    notes = List.copyOf(notes);
  }
}
