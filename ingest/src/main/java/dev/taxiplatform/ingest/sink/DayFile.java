package dev.taxiplatform.ingest.sink;

import static java.util.Objects.requireNonNull;

import dev.taxiplatform.core.ride.RideEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The Parquet file of one partition's batch for one event day, being written in memory. */
final class DayFile {
  private final LocalDate day;
  private final long firstOffset;
  private final InMemoryOutputFile file = new InMemoryOutputFile();
  private final ParquetWriter<RideEvent> writer;
  private int rows;

  DayFile(LocalDate day, long firstOffset, CompressionCodecName codec) {
    this.day = requireNonNull(day, "day");
    this.firstOffset = firstOffset;
    try {
      this.writer = RideParquet.writer(file, codec);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a Parquet file", e);
    }
  }

  void write(RideEvent ride) {
    try {
      writer.write(ride);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a Parquet row", e);
    }
  }

  LocalDate day() {
    return day;
  }

  /** The offset of the first record in this file: its name. */
  long firstOffset() {
    return firstOffset;
  }

  int rows() {
    return rows;
  }

  /** Memory the file holds so far (encoded and buffered). */
  long bufferedBytes() {
    return writer.getDataSize();
  }

  /** Closes the file and returns its bytes. */
  byte[] finish() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot finish a Parquet file", e);
    }
    return file.toByteArray();
  }

  /** Drops the file without finishing it. */
  void discard() {
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      // Nothing to keep.
    }
  }
}
