package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Work run first takes the free cores before the tasks of jobs submitted earlier. */
class SchedulerPoolsTest {
  private static final int BACKGROUND_TASKS = 40;

  @Test
  @Timeout(120)
  void workRunFirstIsServedBeforeAJobSubmittedEarlier() throws Exception {
    try (TestSpark test = TestSpark.start("scheduler-pools")) {
      SparkSession spark = test.spark();
      JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      LongAccumulator backgroundDone = spark.sparkContext().longAccumulator("background tasks");
      // 40 tasks of 100 ms on two cores: about 2 s, started before the work run first.
      AtomicLong backgroundCount = new AtomicLong();
      Thread background =
          new Thread(
              () ->
                  backgroundCount.set(
                      context
                          .parallelize(
                              java.util.stream.LongStream.range(0, BACKGROUND_TASKS)
                                  .boxed()
                                  .toList(),
                              BACKGROUND_TASKS)
                          .map(
                              n -> {
                                Thread.sleep(100);
                                backgroundDone.add(1);
                                return n;
                              })
                          .count()));
      background.start();
      while (backgroundDone.value() == 0) {
        Thread.sleep(10);
      }

      long doneWhenFirstEnded =
          SchedulerPools.first(
              spark,
              () -> {
                assertThat(context.parallelize(java.util.List.of(1, 2), 2).count()).isEqualTo(2);
                return backgroundDone.value();
              });
      background.join();

      // First come first served, it would have waited for the 40th task to start.
      assertThat(doneWhenFirstEnded).isLessThan(BACKGROUND_TASKS / 2);
      assertThat(backgroundCount.get()).isEqualTo(BACKGROUND_TASKS);
      assertThat(spark.sparkContext().getLocalProperty("spark.scheduler.pool"))
          .as("the pool is this thread's only while the work runs")
          .isNull();
    }
  }
}
