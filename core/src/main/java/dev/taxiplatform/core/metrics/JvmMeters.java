package dev.taxiplatform.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM and process meters every long-running component serves (memory, GC, threads, classes,
 * CPU, open files, uptime), so each one's {@code /metrics} answers from the first scrape.
 */
public final class JvmMeters implements AutoCloseable {
  private final JvmGcMetrics gcMetrics;

  private JvmMeters(JvmGcMetrics gcMetrics) {
    this.gcMetrics = gcMetrics;
  }

  /** Binds them to {@code registry}; close to stop listening to GC events. */
  public static JvmMeters bindTo(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    return new JvmMeters(gcMetrics);
  }

  @Override
  public void close() {
    gcMetrics.close();
  }
}
