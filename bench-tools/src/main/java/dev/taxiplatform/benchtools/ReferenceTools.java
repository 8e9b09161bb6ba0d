package dev.taxiplatform.benchtools;

import java.util.Arrays;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Runs one of Kafka's performance tools with its own arguments: {@code producer-performance ...}
 * runs {@link ProducerPerformance}, whose last line reports the records per second it reached.
 */
public final class ReferenceTools {
  private ReferenceTools() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].equals("producer-performance")) {
      System.err.println("usage: producer-performance <ProducerPerformance arguments>");
      System.exit(2);
    }
    ProducerPerformance.main(Arrays.copyOfRange(args, 1, args.length));
  }
}
