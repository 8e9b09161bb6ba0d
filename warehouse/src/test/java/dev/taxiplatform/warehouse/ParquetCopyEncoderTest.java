package dev.taxiplatform.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoder's row check, on a local Parquet file: which rows it sets aside, which it writes. */
class ParquetCopyEncoderTest {
  @TempDir Path directory;

  @Test
  void rowsWithAnIdPostgresCannotStoreAreSetAsideAndTheOthersEncoded() throws Exception {
    Path file = directory.resolve("rides.parquet");
    try (ProcessedRideWriter writer = new ProcessedRideWriter(file)) {
      writer.write(ProcessedFixture.ride("keep-a", "2026-03-01T08:00:00Z", "10.00"));
      writer.write(ProcessedFixture.ride("drop-\u0000b", "2026-03-01T09:00:00Z", "11.00"));
      writer.write(ProcessedFixture.ride("keep-b", "2026-03-01T10:00:00Z", "12.00"));
      writer.write(ProcessedFixture.ride("d".repeat(3_012), "2026-03-01T11:00:00Z", "13.00"));
      writer.write(ProcessedFixture.ride("keep-c", "2026-03-01T12:00:00Z", "14.00"));
    }
    List<TargetColumn> columns =
        List.of(new TargetColumn("ride_id", "text"), new TargetColumn("event_hour", "int2"));
    List<String> rejected = new ArrayList<>();
    PgBinaryRow out = new PgBinaryRow();
    long rows =
        new ParquetCopyEncoder(columns, Map.of())
            .encode(
                file,
                out,
                (bytes, length) -> {},
                (row, rejection) ->
                    rejected.add(row + " " + rejection.reason() + " " + rejection.valueLength()));
    assertThat(rows).isEqualTo(5);
    assertThat(rejected).containsExactly("1 invalid_ride_id 7", "3 invalid_ride_id 3012");
    // Each written row keeps its own values (event hours in New York time): the set-aside rows
    // shift nothing.
    assertThat(decode(out)).containsExactly("keep-a 3", "keep-b 5", "keep-c 7");
  }

  /** The rows of a binary COPY buffer of (text, int2) rows, as "text int". */
  private static List<String> decode(PgBinaryRow out) {
    ByteBuffer buffer = ByteBuffer.wrap(out.array(), 0, out.size());
    List<String> rows = new ArrayList<>();
    while (buffer.remaining() > 2) {
      assertThat(buffer.getShort()).isEqualTo((short) 2);
      byte[] id = new byte[buffer.getInt()];
      buffer.get(id);
      assertThat(buffer.getInt()).isEqualTo(2);
      rows.add(new String(id, StandardCharsets.UTF_8) + " " + buffer.getShort());
    }
    return rows;
  }
}
