package dev.taxiplatform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which keys a run may read from local copies. */
class ObjectReadsTest {
  @Test
  void onlyPlainKeysThatStayInTheirDirectoryAreCopied() {
    assertThat(
            ObjectReads.copyable(
                List.of(
                    "taxi-rides/year=2026/month=03/day=01/taxi-rides+0+00000000000000000000.parquet",
                    "rides/event_date=2026-03-01/part-00000-abc_1.snappy.parquet")))
        .isTrue();
    assertThat(ObjectReads.copyable(List.of())).isTrue();
    for (String key :
        List.of(
            "taxi-rides/../../etc/cron.d/x.parquet",
            "taxi-rides/./x.parquet",
            "/absolute.parquet",
            "taxi-rides//x.parquet",
            "taxi-rides/",
            "taxi-rides/with space.parquet",
            "taxi-rides/percent%41.parquet",
            "taxi-rides/ünïcode.parquet")) {
      assertThat(ObjectReads.copyable(List.of("taxi-rides/fine.parquet", key))).as(key).isFalse();
    }
  }
}
