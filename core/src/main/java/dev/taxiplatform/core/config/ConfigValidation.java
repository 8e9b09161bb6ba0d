package dev.taxiplatform.core.config;

/** Rules that span several keys, checked once every key has its value. */
final class ConfigValidation {
  private ConfigValidation() {}

  static void validate(PlatformConfig config) {
    KafkaSettings kafka = config.kafka();
    if (kafka.embedded() && kafka.port() == kafka.controllerPort()) {
      throw new ConfigException(
          "Invalid configuration: kafka.port and kafka.controller-port are both %d (from %s and %s)."
                  .formatted(
                      kafka.port(),
                      config.source(KafkaSettings.PORT).describe(),
                      config.source(KafkaSettings.CONTROLLER_PORT).describe())
              + " The embedded broker needs two different ports.");
    }
    if (kafka.topic().equals(kafka.deadLetterTopic())) {
      throw new ConfigException(
          "Invalid configuration: kafka.topic and kafka.dead-letter-topic are both \"%s\"; dead"
                  .formatted(kafka.topic())
              + " letters need a topic of their own.");
    }
    S3Settings s3 = config.s3();
    if (!s3.embedded() && (s3.accessKey().isEmpty() || s3.secretKey().isEmpty())) {
      throw new ConfigException(
          "Invalid configuration: s3.endpoint is set (from %s) but its credentials are not. Set"
                  .formatted(config.source(S3Settings.ENDPOINT).describe())
              + " s3.access-key and s3.secret-key (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).");
    }
    if (s3.rawBucket().equals(s3.processedBucket())) {
      throw new ConfigException(
          "Invalid configuration: s3.raw-bucket and s3.processed-bucket are both \"%s\"; use two"
                  .formatted(s3.rawBucket())
              + " buckets.");
    }
  }
}
