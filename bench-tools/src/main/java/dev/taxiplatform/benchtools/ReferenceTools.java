package dev.taxiplatform.benchtools;

import java.util.Arrays;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Runs one of Kafka's performance tools with its own arguments: {@code producer-performance ...}
 * runs {@link ProducerPerformance}, {@code consumer-performance ...} runs {@link
 * ConsumerPerformance}.
 */
public final class ReferenceTools {
  private ReferenceTools() {}

  public static void main(String[] args) throws Exception {
    String tool = args.length == 0 ? "" : args[0];
    String[] toolArgs = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (tool) {
      case "producer-performance" -> ProducerPerformance.main(toolArgs);
      case "consumer-performance" -> ConsumerPerformance.main(toolArgs);
      default -> {
        System.err.println(
            "usage: producer-performance <ProducerPerformance arguments>"
                + " | consumer-performance <ConsumerPerformance arguments>");
        System.exit(2);
      }
    }
  }
}
