package dev.taxiplatform.infra.provision;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.connect.KafkaConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the platform's topics when missing; existing topics are left as they are. */
public final class TopicProvisioner {
  private final KafkaConnection connection;

  public TopicProvisioner(KafkaConnection connection) {
    this.connection = requireNonNull(connection, "connection");
  }

  /**
   * Makes sure every topic exists.
   *
   * @return one line per topic saying whether it was created or already there
   */
  public List<String> ensureTopics(List<String> topics, int partitions) throws Exception {
    List<String> report = new ArrayList<>();
    try (Admin admin = connection.admin("platform-provisioner")) {
      int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
      short replication = (short) Math.min(3, Math.max(1, brokers));
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      for (String topic : topics) {
        if (existing.contains(topic)) {
          report.add(describeExisting(admin, topic));
          continue;
        }
        try {
          admin
              .createTopics(List.of(new NewTopic(topic, partitions, replication)))
              .all()
              .get(30, TimeUnit.SECONDS);
          // Answers once every partition's leader serves requests, so that a producer started
          // right after provisioning does not meet NotLeaderOrFollower on its first batches.
          connection.endOffsets(topic);
          report.add("created topic %s (%d partitions)".formatted(topic, partitions));
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          report.add(describeExisting(admin, topic));
        }
      }
    }
    return report;
  }

  private static String describeExisting(Admin admin, String topic) throws Exception {
    Map<String, TopicDescription> descriptions =
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
    return "topic %s exists (%d partitions)"
        .formatted(topic, descriptions.get(topic).partitions().size());
  }
}
