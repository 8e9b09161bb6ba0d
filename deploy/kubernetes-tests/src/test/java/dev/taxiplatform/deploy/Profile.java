package dev.taxiplatform.deploy;

/** The chart's value profiles. */
enum Profile {
  /** The chart's defaults alone. */
  DEFAULTS(null),
  /** A laptop cluster: everything in-cluster, small requests. */
  MINIKUBE("values-minikube.yaml"),
  /** Operators, replicas, external S3, Spark on Kubernetes. */
  PRODUCTION("values-production.yaml");

  private final String valuesFile;

  Profile(String valuesFile) {
    this.valuesFile = valuesFile;
  }

  /** The profile's values file in the chart directory, or null for the defaults. */
  String valuesFile() {
    return valuesFile;
  }
}
