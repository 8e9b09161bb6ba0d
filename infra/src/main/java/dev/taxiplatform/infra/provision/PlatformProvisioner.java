package dev.taxiplatform.infra.provision;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.config.KafkaSettings;
import dev.taxiplatform.core.config.PlatformConfig;
import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.core.connect.S3Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The topics and buckets a configuration names, created where missing: the rides' topic and its
 * dead letters, the raw and processed buckets.
 */
public final class PlatformProvisioner {
  private final PlatformConfig config;

  public PlatformProvisioner(PlatformConfig config) {
    this.config = requireNonNull(config, "config");
  }

  /**
   * Makes sure the topics (on {@code kafka}, when given) and the buckets (on {@code s3}) exist.
   *
   * @return one line per topic and bucket saying whether it was created or already there
   */
  public List<String> provision(Optional<KafkaConnection> kafka, S3Connection s3) throws Exception {
    KafkaSettings settings = config.kafka();
    List<String> lines = new ArrayList<>();
    if (kafka.isPresent()) {
      lines.addAll(
          new TopicProvisioner(kafka.get())
              .ensureTopics(
                  List.of(settings.topic(), settings.deadLetterTopic()), settings.partitions()));
    }
    lines.addAll(new BucketProvisioner(s3).ensureBuckets(config.s3().buckets()));
    return lines;
  }
}
