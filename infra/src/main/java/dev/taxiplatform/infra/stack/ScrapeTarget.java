package dev.taxiplatform.infra.stack;

import static java.util.Objects.requireNonNull;

/**
 * An endpoint the local stack's Prometheus scrapes.
 *
 * @param job the {@code job} label: the service's name in {@code platform status}
 * @param address {@code host:port} serving {@code /metrics}
 * @param honorLabels keep the target's own {@code job}/{@code instance} labels (the Pushgateway's
 *     pushed groups)
 */
record ScrapeTarget(String job, String address, boolean honorLabels) {
  ScrapeTarget {
    requireNonNull(job, "job");
    requireNonNull(address, "address");
  }
}
