package dev.taxiplatform.ingest.bench;

import dev.taxiplatform.core.connect.KafkaConnection;
import dev.taxiplatform.ingest.sink.RideSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Kafka's own {@code ConsumerPerformance} reading a whole topic with a group of its own and the
 * sink's consumer settings: the sink's reference, a consumer that does nothing with what it reads.
 */
final class ReferenceConsumer {
  private static final String HEADER = "start.time, end.time";

  private ReferenceConsumer() {}

  /** Reads {@code records} records of {@code topic} from the start; returns records per second. */
  static double run(BenchTools tools, KafkaConnection kafka, String topic, long records) {
    String group = "bench-consumer-performance";
    Map<String, Object> properties = RideSink.consumerProperties(kafka, group);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-server",
                properties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG).toString(),
                "--topic",
                topic,
                "--group",
                group,
                "--num-records",
                Long.toString(records),
                "--fetch-size",
                properties.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG).toString(),
                "--timeout",
                "600000"));
    for (Map.Entry<String, Object> property : properties.entrySet()) {
      if (!property.getKey().equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        args.add("--command-property");
        args.add(property.getKey() + "=" + property.getValue());
      }
    }
    List<String> output = tools.run("consumer-performance", args);
    for (int i = 0; i + 1 < output.size(); i++) {
      if (output.get(i).startsWith(HEADER)) {
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
        String[] header = output.get(i).split(",\\s*");
        String[] values = output.get(i + 1).split(",\\s*");
        for (int c = 0; c < header.length && c < values.length; c++) {
          if (header[c].equals("nMsg.sec")) {
            return Double.parseDouble(values[c]);
          }
        }
      }
    }
    throw new IllegalStateException("ConsumerPerformance printed no summary");
  }
}
